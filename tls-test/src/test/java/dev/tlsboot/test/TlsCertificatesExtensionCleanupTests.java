package dev.tlsboot.test;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** What the extension promises after the class: its certificates and keys are gone from the disk. */
class TlsCertificatesExtensionCleanupTests {

	@Test
	void deletesTheDirectoryOnceTheClassHasRun() {
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		LauncherFactory.create().execute(request().selectors(selectClass(UsesCertificates.class)).build(), listener);
		TestExecutionSummary summary = listener.getSummary();
		assertThat(summary.getFailures()).isEmpty();
		assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
		assertThat(UsesCertificates.directory).isNotNull().doesNotExist();
	}

	/** Run only by the test above: the build's test runner leaves nested classes out. */
	@ExtendWith(TlsCertificatesExtension.class)
	static class UsesCertificates {

		static volatile Path directory;

		@Test
		void writesTheFiles(TestCertificates certs) {
			directory = certs.directory();
			assertThat(certs.file("server.key")).exists();
		}

	}

}
