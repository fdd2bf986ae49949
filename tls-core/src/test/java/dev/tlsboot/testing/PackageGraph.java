package dev.tlsboot.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The package dependency graph of compiled classes, as {@code jdeps -verbose:package} reports it (from the bytecode,
 * so javadoc links do not count), restricted to TLS Boot's packages.
 */
public final class PackageGraph {

	private final Set<String> packages;

	private final Map<String, Set<String>> edges;

	private PackageGraph(Set<String> packages, Map<String, Set<String>> edges) {
		this.packages = packages;
		this.edges = edges;
	}

	/**
	 * Read the graph of a module's compiled classes.
	 * @param classes a classes directory, e.g. {@code target/classes}
	 * @return its packages and the dependencies between them
	 */
	public static PackageGraph of(Path classes) {
		if (!Files.isDirectory(classes)) {
			throw new IllegalStateException(classes.toAbsolutePath() + " does not exist: compile the module first");
		}
		ToolProvider jdeps = ToolProvider.findFirst("jdeps")
			.orElseThrow(() -> new IllegalStateException("This JDK has no jdeps"));
		StringWriter out = new StringWriter();
		int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-e", "dev\\.tlsboot\\..*",
				classes.toString());
		if (exit != 0) {
			throw new IllegalStateException("jdeps failed (" + exit + "): " + out);
		}
		Map<String, Set<String>> edges = new TreeMap<>();
		for (String line : out.toString().split("\\R")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 3 && fields[1].equals("->") && fields[0].startsWith("dev.tlsboot")) {
				edges.computeIfAbsent(fields[0], (key) -> new TreeSet<>()).add(fields[2]);
			}
		}
		Set<String> packages = packagesIn(classes);
		// Several packages with no dependency between them means jdeps' output was not understood (its format
		// changed): every rule would then pass on an empty graph
		if (edges.isEmpty() && packages.size() > 1) {
			throw new IllegalStateException("No dependency read between " + packages + " from jdeps' output:\n" + out);
		}
		return new PackageGraph(packages, edges);
	}

	/** Every package with a class in the directory, also those that depend on no other. */
	private static Set<String> packagesIn(Path classes) {
		try (Stream<Path> files = Files.walk(classes)) {
			return files.filter((file) -> file.toString().endsWith(".class"))
				.map((file) -> classes.relativize(file.getParent()).toString().replace(file.getFileSystem()
					.getSeparator(), "."))
				.collect(Collectors.toCollection(TreeSet::new));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The packages compiled, whether or not they depend on another. */
	public Set<String> packages() {
		return this.packages;
	}

	/** The packages each package depends on; a package that depends on no other TLS Boot package is not a key. */
	public Map<String, Set<String>> edges() {
		return this.edges;
	}

	/**
	 * The TLS Boot packages one package depends on.
	 * @param name the package
	 * @return its dependencies, empty when it has none
	 * @throws IllegalArgumentException when no class of the graph is in the package, so that a renamed package
	 * fails a rule about it rather than passing it with no dependencies
	 */
	public Set<String> dependenciesOf(String name) {
		if (!this.packages.contains(name)) {
			throw new IllegalArgumentException("No package " + name + " among " + this.packages);
		}
		return this.edges.getOrDefault(name, Set.of());
	}

	/**
	 * The cycles: each a set of packages that depend on one another (Tarjan's strongly connected components of more
	 * than one package).
	 * @return the cycles, empty when the graph has none
	 */
	public List<Set<String>> cycles() {
		return new Tarjan().run();
	}

	private final class Tarjan {

		private final Map<String, Integer> index = new HashMap<>();

		private final Map<String, Integer> low = new HashMap<>();

		private final Deque<String> stack = new ArrayDeque<>();

		private final List<Set<String>> components = new ArrayList<>();

		List<Set<String>> run() {
			for (String node : PackageGraph.this.edges.keySet()) {
				if (!this.index.containsKey(node)) {
					visit(node);
				}
			}
			return this.components;
		}

		private void visit(String node) {
			this.index.put(node, this.index.size());
			this.low.put(node, this.index.get(node));
			this.stack.push(node);
			for (String next : PackageGraph.this.edges.getOrDefault(node, Set.of())) {
				if (!this.index.containsKey(next)) {
					visit(next);
					this.low.put(node, Math.min(this.low.get(node), this.low.get(next)));
				}
				else if (this.stack.contains(next)) {
					this.low.put(node, Math.min(this.low.get(node), this.index.get(next)));
				}
			}
			if (this.low.get(node).equals(this.index.get(node))) {
				Set<String> component = new TreeSet<>();
				String member;
				do {
					member = this.stack.pop();
					component.add(member);
				}
				while (!member.equals(node));
				if (component.size() > 1) {
					this.components.add(component);
				}
			}
		}

	}

}
