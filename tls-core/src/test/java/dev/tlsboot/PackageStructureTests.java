package dev.tlsboot;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tlsboot.testing.PackageGraph;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's packages form layers, as docs/architecture.md draws them: no package cycle, the shared vocabulary and
 * the internal helpers depend on no other package, and nothing below the facade depends on it or on what is built on
 * it.
 */
class PackageStructureTests {

	private static final String FACADE = "dev.tlsboot.core";

	/** What is built on the facade: it may use everything, nothing below may use it. */
	private static final Set<String> ABOVE_THE_FACADE = Set.of(FACADE, "dev.tlsboot.core.reload", "dev.tlsboot.core.jdbc",
			"dev.tlsboot.core.acme", "dev.tlsboot.netty");

	private final PackageGraph graph = PackageGraph.of(Path.of("target/classes"));

	@Test
	void noPackageCycles() {
		assertThat(this.graph.cycles()).isEmpty();
	}

	@Test
	void theSharedVocabularyDependsOnNoOtherPackage() {
		assertThat(this.graph.dependenciesOf("dev.tlsboot.core.option")).isEmpty();
	}

	@Test
	void internalPackagesDependOnNoOtherPackage() {
		// The core, Netty and Spring modules share them; were they to use an API package, that package could not
		// use them back without a cycle
		assertThat(this.graph.dependenciesOf("dev.tlsboot.core.internal")).isEmpty();
	}

	@Test
	void nothingBelowTheFacadeDependsOnItOrOnWhatIsBuiltOnIt() {
		assertThat(this.graph.packages()).containsAll(ABOVE_THE_FACADE);
		for (String below : this.graph.packages()) {
			if (!ABOVE_THE_FACADE.contains(below)) {
				assertThat(this.graph.dependenciesOf(below)).as(below).doesNotContainAnyElementsOf(ABOVE_THE_FACADE);
			}
		}
	}

}
