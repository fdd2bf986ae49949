package dev.tlsboot;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tlsboot.testing.PackageGraph;

import static org.assertj.core.api.Assertions.assertThat;

/** The core's packages form layers: no package cycle, and nothing below the facade depends on it. */
class PackageStructureTests {

	private final PackageGraph graph = PackageGraph.of(Path.of("target/classes"));

	@Test
	void noPackageCycles() {
		assertThat(this.graph.cycles()).isEmpty();
	}

	@Test
	void theSharedVocabularyDependsOnNoOtherPackage() {
		assertThat(this.graph.edges().getOrDefault("dev.tlsboot.core.option", Set.of())).isEmpty();
	}

	@Test
	void internalPackagesDependOnNoApiPackage() {
		assertThat(this.graph.edges().getOrDefault("dev.tlsboot.core.internal", Set.of()))
			.allMatch((target) -> target.contains(".internal") || target.equals("dev.tlsboot.core.option"));
	}

}
