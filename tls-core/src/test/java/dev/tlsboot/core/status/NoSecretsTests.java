package dev.tlsboot.core.status;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every value of the status records, as a JSON serializer would, and looks for secrets.
 */
class NoSecretsTests {

	private static final CertificateAuthority CA = CertificateAuthority.root("Test CA");

	@ParameterizedTest
	@CsvSource({ "TLSv1.2", "TLSv1.3" })
	void noRecordHoldsAKeyOrTheRawSessionId(String protocol) throws Exception {
		IssuedCertificate server = CA.issueServer("localhost");
		IssuedCertificate client = CA.issueClient("alice");
		try (LoopbackTls tls = LoopbackTls.start(LoopbackTls.context(server, CA),
				(parameters) -> parameters.setNeedClientAuth(true));
				LoopbackTls.Connection connection = tls.connect(LoopbackTls.context(client, CA), "localhost",
						(parameters) -> parameters.setProtocols(new String[] { protocol }))) {
			List<Object> records = new ArrayList<>();
			for (LoopbackTls.Side side : List.of(connection.client(), connection.server())) {
				records.add(TlsStatus.of(side.socket(), false, true, true));
				records.add(TlsStatus.of(side.socket(), true, true, true));
				records.add(ConnectionInfo.of(side.socket(), 2, side.handshakeStarted()));
			}
			List<String> values = new ArrayList<>();
			records.forEach((record) -> collect(record, values));
			assertThat(values).isNotEmpty().anyMatch((value) -> value.contains("BEGIN CERTIFICATE"));
			List<String> secrets = new ArrayList<>();
			for (LoopbackTls.Side side : List.of(connection.client(), connection.server())) {
				byte[] id = side.socket().getSession().getId();
				secrets.add(HexFormat.of().formatHex(id));
				secrets.add(HexFormat.of().withUpperCase().formatHex(id));
				secrets.add(Base64.getEncoder().encodeToString(id));
			}
			for (IssuedCertificate identity : List.of(server, client)) {
				secrets.add(Base64.getEncoder().encodeToString(identity.keyPair().getPrivate().getEncoded()));
			}
			assertThat(values).noneMatch((value) -> value.contains("PRIVATE KEY"));
			for (String secret : secrets) {
				assertThat(values).noneMatch((value) -> value.contains(secret));
			}
		}
	}

	/** Every string, number and boolean reachable through record components and collections. */
	private static void collect(Object value, List<String> values) {
		if (value == null) {
			return;
		}
		if (value instanceof Record record) {
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				try {
					collect(component.getAccessor().invoke(record), values);
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach((element) -> collect(element, values));
		}
		else {
			values.add(value.toString());
		}
	}

}
