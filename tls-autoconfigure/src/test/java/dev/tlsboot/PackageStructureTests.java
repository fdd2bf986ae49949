package dev.tlsboot;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.tlsboot.testing.PackageGraph;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configuration's packages have no cycle: each concern can be read, and left out, on its own. */
class PackageStructureTests {

	@Test
	void noPackageCycles() {
		assertThat(PackageGraph.of(Path.of("target/classes")).cycles()).isEmpty();
	}

}
