package dev.tlsboot.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a JUnit Jupiter test a {@link TestCertificates}, as a parameter of a test, lifecycle method or constructor:
 * one set per test class, deleted after the class.
 * <pre>{@code
 * @ExtendWith(TlsCertificatesExtension.class)
 * class MyTlsTests {
 *     @Test
 *     void handshakes(TestCertificates certs) { ... }
 * }
 * }</pre>
 */
public class TlsCertificatesExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(TlsCertificatesExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == TestCertificates.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return classContext(context).getStore(NAMESPACE)
			.computeIfAbsent(TestCertificates.class, (key) -> TestCertificates.create(), TestCertificates.class);
	}

	/** The context of the outermost class that is still this test's, so that all its tests share one set. */
	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getParent().isPresent() && current.getParent().get().getTestClass().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
