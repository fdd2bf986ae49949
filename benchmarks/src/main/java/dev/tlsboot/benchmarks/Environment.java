package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where and when a run was made, for the report's header: figures compare only with figures from the same machine,
 * JDK and flags, and the load average says how busy the machine was before the run began.
 *
 * @param date when the run began
 * @param jdk the Java runtime and its version
 * @param jvmFlags the {@code -X} flags of this JVM (heap, GC)
 * @param os the operating system
 * @param cpu the CPU model, from {@code /proc/cpuinfo}
 * @param cores the processors the JVM may use
 * @param loadAverage the 1, 5 and 15 minute load averages, from {@code /proc/loadavg}
 */
record Environment(Instant date, String jdk, List<String> jvmFlags, String os, String cpu, int cores,
		String loadAverage) {

	private static final String UNKNOWN = "unknown";

	/** This machine and JVM, now. */
	/** The {@code java} of this JVM, for the forked JVMs that must run on the same JDK. */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static Environment current() {
		return new Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS),
				System.getProperty("java.runtime.name") + " " + Runtime.version() + " ("
						+ System.getProperty("java.vm.vendor") + ")",
				ManagementFactory.getRuntimeMXBean()
					.getInputArguments()
					.stream()
					.filter((argument) -> argument.startsWith("-X"))
					.toList(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				lines("/proc/cpuinfo").stream()
					.filter((line) -> line.startsWith("model name"))
					.map((line) -> line.substring(line.indexOf(':') + 1).trim())
					.findFirst()
					.orElse(UNKNOWN),
				Runtime.getRuntime().availableProcessors(),
				lines("/proc/loadavg").stream()
					.map((line) -> String.join(" ", List.of(line.split(" ")).subList(0, 3)))
					.findFirst()
					.orElse(UNKNOWN));
	}

	/** The lines of a file, or none where the file does not exist (outside Linux). */
	private static List<String> lines(String file) {
		try {
			return Files.readAllLines(Path.of(file));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
