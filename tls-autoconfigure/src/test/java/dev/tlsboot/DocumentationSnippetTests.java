package dev.tlsboot;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.autoconfigure.acme.TlsAcmeProperties;
import dev.tlsboot.autoconfigure.dev.TlsDevProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java, YAML and properties snippet of README.md, docs/ and benchmarks/README.md is compiled or bound, so the
 * documentation cannot drift from the code. Java snippets compile as statements, as class members or as whole
 * classes, whichever they are; variables a statement snippet uses without declaring are named in an HTML comment
 * just above it, e.g. {@code <!-- snippet: TlsContext context, Socket plainSocket -->}. YAML and properties snippets
 * with {@code tls.*} keys bind to {@link TlsProperties} (and {@code tls.dev.*} to {@link TlsDevProperties},
 * {@code tls.acme.*} to {@link TlsAcmeProperties}) with
 * unknown keys refused.
 */
class DocumentationSnippetTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern FENCE = Pattern
		.compile("(?:<!-- snippet: ([^>]*) -->\\n)?```(java|yaml|properties)\\n(.*?)```", Pattern.DOTALL);

	private static final String IMPORTS = String.join("\n", "import java.io.*;", "import java.net.*;",
			"import java.net.http.HttpClient;", "import java.nio.file.*;", "import java.time.*;", "import java.util.*;",
			"import javax.net.ssl.*;", "import dev.tlsboot.core.*;", "import dev.tlsboot.core.option.*;",
			"import dev.tlsboot.core.material.*;", "import dev.tlsboot.core.status.*;",
			"import dev.tlsboot.core.observe.*;", "import dev.tlsboot.core.spi.*;", "import dev.tlsboot.core.reload.*;",
			"import dev.tlsboot.core.revocation.*;", "import dev.tlsboot.core.acme.*;",
			"import dev.tlsboot.pki.*;", "import dev.tlsboot.netty.*;", "import dev.tlsboot.test.*;",
			"import dev.tlsboot.test.TestCertificates.Identity;", "import org.junit.jupiter.api.*;",
			"import org.junit.jupiter.api.extension.ExtendWith;",
			"import org.springframework.context.annotation.Bean;",
			"import org.springframework.web.client.RestClient;",
			"import org.springframework.boot.test.context.SpringBootTest;",
			"import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;",
			"import org.springframework.test.context.DynamicPropertyRegistry;",
			"import org.springframework.test.context.DynamicPropertySource;", "");

	@TempDir
	Path output;

	@TestFactory
	Stream<DynamicTest> snippets() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (Path page : pages()) {
			String text = Files.readString(page);
			Matcher fence = FENCE.matcher(text);
			while (fence.find()) {
				int line = (int) text.substring(0, fence.start(2)).lines().count();
				String name = ROOT.relativize(page) + ":" + line + " (" + fence.group(2) + ")";
				String declared = (fence.group(1) != null) ? fence.group(1).strip() : "";
				String language = fence.group(2);
				String snippet = fence.group(3);
				tests.add(DynamicTest.dynamicTest(name, () -> {
					try {
						check(language, snippet, declared, line);
					}
					catch (RuntimeException | AssertionError ex) {
						throw new AssertionError(name + ": " + ex.getMessage(), ex);
					}
				}));
			}
		}
		assertThat(tests).hasSizeGreaterThan(20);
		return tests.stream();
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("benchmarks/README.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	private void check(String language, String snippet, String declared, int line) throws IOException {
		switch (language) {
			case "java" -> compile(snippet, declared, line);
			case "yaml" -> bind(new YamlPropertySourceLoader()
				.load("snippet", new ByteArrayResource(snippet.getBytes(StandardCharsets.UTF_8))));
			default -> {
				Properties properties = new Properties();
				properties.load(new StringReader(snippet));
				bind(List.of(new PropertiesPropertySource("snippet", properties)));
			}
		}
	}

	/** Compile as statements, as members or as a whole class: one of them must work. */
	private void compile(String snippet, String declared, int line) {
		String name = "Snippet" + line;
		List<String> attempts = List.of(
				"class " + name + " {\nvoid run(" + declared + ") throws Exception {\n" + snippet + "\n}\n}",
				"class " + name + " {\n" + snippet + "\n}", snippet);
		List<String> errors = new ArrayList<>();
		for (String attempt : attempts) {
			String source = IMPORTS + attempt;
			String diagnostics = javac(topLevelName(attempt, name), source);
			if (diagnostics == null) {
				return;
			}
			errors.add(diagnostics);
		}
		throw new AssertionError("The snippet compiles neither as statements, nor as members, nor as a class:\n"
				+ snippet + "\nas statements:\n" + errors.get(0) + "\nas a class:\n" + errors.get(2));
	}

	private static String topLevelName(String source, String fallback) {
		Matcher type = Pattern.compile("(?m)^(?:public )?(?:final )?(?:class|record|interface) (\\w+)")
			.matcher(source);
		return type.find() ? type.group(1) : fallback;
	}

	private String javac(String className, String source) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
				JavaFileObject.Kind.SOURCE) {
			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source;
			}
		};
		StringWriter out = new StringWriter();
		List<String> options = List.of("-proc:none", "-nowarn", "-d", this.output.toString(), "-classpath",
				System.getProperty("java.class.path"));
		boolean compiled = compiler.getTask(out, null, null, options, null, List.of(file)).call();
		return compiled ? null : out.toString();
	}

	private static void bind(List<PropertySource<?>> sources) {
		MutablePropertySources propertySources = new MutablePropertySources();
		sources.forEach(propertySources::addLast);
		PropertySourcesPlaceholdersResolver placeholders = new PropertySourcesPlaceholdersResolver(propertySources);
		List<ConfigurationPropertySource> all = new ArrayList<>();
		ConfigurationPropertySources.from(propertySources).forEach(all::add);
		BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
		// tls.dev.* and tls.acme.* belong to classes of their own, bound on their own as the auto-configuration does
		Map<String, Class<?>> own = Map.of("tls.dev", TlsDevProperties.class, "tls.acme", TlsAcmeProperties.class);
		own.forEach((prefix, type) -> new Binder(all, placeholders).bind(prefix, Bindable.of(type), strict));
		List<ConfigurationPropertyName> prefixes = own.keySet().stream().map(ConfigurationPropertyName::of).toList();
		List<ConfigurationPropertySource> withoutOwn = all.stream()
			.map((source) -> ((IterableConfigurationPropertySource) source)
				.filter((name) -> prefixes.stream().noneMatch((prefix) -> prefix.isAncestorOf(name))))
			.map(ConfigurationPropertySource.class::cast)
			.toList();
		new Binder(withoutOwn, placeholders).bind("tls", Bindable.of(TlsProperties.class), strict);
	}

}
