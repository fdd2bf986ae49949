package dev.tlsboot.pki;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One root per key type for the whole test run: RSA keys take up to a second each to generate on a slow machine.
 */
final class TestRoots {

	private static final Map<KeyType, CertificateAuthority> ROOTS = new ConcurrentHashMap<>();

	private TestRoots() {
	}

	static CertificateAuthority of(KeyType keyType) {
		return ROOTS.computeIfAbsent(keyType, (type) -> CertificateAuthority.root("Test Root " + type, type));
	}

	static Stream<KeyType> keyTypes() {
		return Stream.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA_2048, KeyType.RSA_3072, KeyType.ED25519);
	}

}
