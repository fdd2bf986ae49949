package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tlsboot.pki.KeyType;

/**
 * Runs every selected case side by side, prints the report and writes it to {@code bench.output}:
 * <pre>
 * ./mvnw -q -Pbenchmarks -pl benchmarks -am -DskipTests verify
 * ./mvnw -q -Pbenchmarks -pl benchmarks -am -DskipTests verify -Dbench.cases=handshake+TLSv1.3 -Dbench.seconds=1
 * </pre>
 * See {@link Settings} for the properties. Exits with 1 when any contender failed, after writing the report.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws IOException {
		Settings settings = Settings.fromSystemProperties();
		Environment environment = Environment.current();
		long start = System.nanoTime();
		List<Case> cases = cases(settings).stream().filter(settings::selects).toList();
		List<Result> results = new ArrayList<>();
		for (int i = 0; i < cases.size(); i++) {
			Case benchmark = cases.get(i);
			System.err.printf("[%d/%d] %s%n", i + 1, cases.size(), benchmark.id());
			for (Result result : Runner.run(benchmark, settings)) {
				System.err.printf("        %-14s %s%n", result.contender().label(), result.measured()
						? Report.number(result.median()) : (result.skipped() ? "skipped: " : "FAILED: ") + result.failure());
				results.add(result);
			}
		}
		String report = Report.markdown(environment, settings, results, Duration.ofNanos(System.nanoTime() - start));
		System.out.println(report);
		Files.createDirectories(settings.output().toAbsolutePath().getParent());
		Files.writeString(settings.output(), report);
		System.err.println("Written to " + settings.output());
		if (results.stream().anyMatch(Result::failed)) {
			System.err.println("Some contenders failed: see the report.");
			System.exit(1);
		}
	}

	/** Every case, in the order they run and are reported; the capacity cases' warm-up follows the iterations'. */
	static List<Case> cases(Settings settings) throws IOException {
		Credentials ecdsa = Credentials.generate(KeyType.EC_P256);
		Credentials rsa = Credentials.generate(KeyType.RSA_2048);
		List<Case> cases = new ArrayList<>(HandshakeDriver.cases(List.of(ecdsa, rsa)));
		cases.addAll(RevocationDriver.cases());
		cases.addAll(BulkDriver.cases(ecdsa));
		cases.addAll(RegistryDriver.cases(ecdsa));
		cases.addAll(StartupDriver.cases(ecdsa));
		cases.addAll(CapacityDriver.cases(ecdsa, settings.iteration()));
		return cases;
	}

}
