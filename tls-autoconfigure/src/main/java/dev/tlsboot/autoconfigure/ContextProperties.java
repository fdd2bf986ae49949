package dev.tlsboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.Name;

import dev.tlsboot.core.TlsImplementation;
import dev.tlsboot.core.revocation.RevocationMode;
import dev.tlsboot.core.revocation.RevocationScope;

/**
 * The options of one TLS context, named as TclTLS names them. Every option is {@code null} until set, so that a
 * named context ({@code tls.contexts.<name>.*}) overrides only what it sets and inherits the rest from the default
 * context ({@code tls.*}), like TclTLS's {@code -model}; what neither sets takes TLS Boot's secure defaults.
 */
public class ContextProperties {

	/**
	 * PEM bundle (or DER file) of trusted CA certificates, as a 'classpath:' or 'file:' location or a path.
	 */
	private String cafile;

	/**
	 * Directory of trusted CA certificates, plain names or OpenSSL-hashed ('xxxxxxxx.0').
	 */
	private String cadir;

	/**
	 * Trust stores: 'system' (the operating system's bundle), 'java' (the JDK's cacerts) or 'file:...' (a PKCS#12 or
	 * JKS store). When no trust option is set at all, the system store is used.
	 */
	private List<String> castore;

	/**
	 * Certificate chain (PEM or DER), or a PKCS#12 or JKS keystore holding key and chain.
	 */
	private String certfile;

	/**
	 * Private key (PEM or DER) belonging to the certificate in 'certfile'; not needed when 'certfile' is a keystore.
	 */
	private String keyfile;

	/**
	 * Keystore entry to use, by alias or subject CN. The only entry when not set.
	 */
	private String keyalias;

	/**
	 * Password of an encrypted key or of a keystore. When no context sets it, a PasswordProvider bean is asked.
	 */
	private String password;

	/**
	 * Whether to enable SSL 2.0. It cannot be turned on: the JDK has no implementation and the protocol is broken.
	 */
	private Boolean ssl2;

	/**
	 * Whether to enable SSL 3.0. It cannot be turned on: the JDK has no implementation and the protocol is broken.
	 */
	private Boolean ssl3;

	/**
	 * Whether to enable TLS 1.0. Off by default; needs 'security-level' 0.
	 */
	private Boolean tls1;

	/**
	 * Whether to enable TLS 1.1. Off by default; needs 'security-level' 0.
	 */
	@Name("tls1.1")
	private Boolean tls11;

	/**
	 * Whether to enable TLS 1.2. On by default.
	 */
	@Name("tls1.2")
	private Boolean tls12;

	/**
	 * Whether to enable TLS 1.3. On by default.
	 */
	@Name("tls1.3")
	private Boolean tls13;

	/**
	 * OpenSSL cipher string for TLS 1.2 and below, such as 'ECDHE+AESGCM:!aNULL'. The JDK's defaults when not set.
	 */
	private String cipher;

	/**
	 * TLS 1.3 cipher suites, colon separated, such as 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384'.
	 */
	private String ciphersuites;

	/**
	 * Key exchange groups, most preferred first, colon separated as in OpenSSL's -groups, such as
	 * 'X25519MLKEM768:X25519:P-256'. Default: the post-quantum hybrid first where the provider has it (Conscrypt,
	 * Netty's OpenSSL, the JDK's own TLS from JDK 27), the provider's own order elsewhere. The JDK's own TLS (JDK 20+)
	 * leaves out, with a warning, groups it does not implement. JDK 17's cannot take it per context: refused with
	 * provider 'jdk'; with 'openssl' or 'auto' it reaches Netty's OpenSSL channels only.
	 */
	private String groups;

	/**
	 * TLS implementation, for each consumer the one it can use: 'jdk'; 'conscrypt' (BoringSSL as the SSLContext, so
	 * for sockets, Tomcat, Jetty, the JDK HttpClient and Netty; needs org.conscrypt:conscrypt-openjdk-uber); 'openssl'
	 * (Netty's OpenSSL for Netty channels, needs io.netty:netty-tcnative-boringssl-static; the JDK for the
	 * SSLContext); or 'auto' (the fastest that loads: OpenSSL for Netty channels, else Conscrypt, else the JDK).
	 * Default: jdk.
	 */
	private TlsImplementation provider;

	/**
	 * Application protocols (ALPN) to offer or accept, most preferred first.
	 */
	private List<String> alpn;

	/**
	 * SNI name a client sends, and checks the server's certificate against, instead of the host connected to.
	 */
	private String servername;

	/**
	 * Whether a client sends the host it connects to as SNI (never an IP literal). Default: true.
	 */
	private Boolean autoservername;

	/**
	 * Whether to ask the peer for a certificate. Default: true for a client, false for a server.
	 */
	private Boolean request;

	/**
	 * Whether to refuse a peer without a valid certificate (a client also checks the host name). Default: true for a
	 * client, false for a server.
	 */
	private Boolean require;

	/**
	 * Security level, 0 to 5 as in OpenSSL 3: minimum key sizes, no SHA-1 signatures from 1, forward secrecy from 3.
	 * Default: 2.
	 */
	private Integer securityLevel;

	/**
	 * How long a handshake may take. Default: 10s.
	 */
	private Duration handshakeTimeout;

	/**
	 * Whether to allow TLS 1.3 post-handshake client authentication. The JDK has none, so true is refused.
	 */
	private Boolean postHandshake;

	/**
	 * Certificate revocation lists (PEM or DER), one file or a directory of them, each signed by a trusted CA;
	 * reloaded with the other material. Alone, it turns 'revocation' to soft against these lists only.
	 */
	private String crlfile;

	/**
	 * Revocation check of peer certificates: 'off'; 'soft' (a certificate a source says is revoked is refused, one
	 * whose status no source can tell passes and is reported); 'hard' (a certificate passes only when a source says
	 * it is good and none says it is revoked). Default: off, or soft when 'crlfile' is set.
	 */
	private RevocationMode revocation;

	/**
	 * Which certificates of the peer's chain are checked for revocation: 'chain' (every one below the trust anchor)
	 * or 'leaf' (the peer's own). Default: chain.
	 */
	private RevocationScope revocationScope;

	/**
	 * How long one fetch of an OCSP response or a CRL may take; a handshake waits on the network only when nothing is
	 * cached yet, and then at most this. Default: 5s.
	 */
	private Duration revocationTimeout;

	/**
	 * Whether OCSP responders are asked about peer certificates. Default: true when 'revocation' is set, false when
	 * 'crlfile' alone turns revocation on.
	 */
	private Boolean revocationOcsp;

	/**
	 * Whether the CRLs at the distribution points peer certificates name are fetched. Default: true when 'revocation'
	 * is set, false when 'crlfile' alone turns revocation on.
	 */
	private Boolean revocationCrldp;

	/**
	 * OCSP responder URL to ask about every peer certificate, instead of the one each certificate names.
	 */
	private String ocspResponder;

	public String getCafile() {
		return this.cafile;
	}

	public void setCafile(String cafile) {
		this.cafile = cafile;
	}

	public String getCadir() {
		return this.cadir;
	}

	public void setCadir(String cadir) {
		this.cadir = cadir;
	}

	public List<String> getCastore() {
		return this.castore;
	}

	public void setCastore(List<String> castore) {
		this.castore = castore;
	}

	public String getCertfile() {
		return this.certfile;
	}

	public void setCertfile(String certfile) {
		this.certfile = certfile;
	}

	public String getKeyfile() {
		return this.keyfile;
	}

	public void setKeyfile(String keyfile) {
		this.keyfile = keyfile;
	}

	public String getKeyalias() {
		return this.keyalias;
	}

	public void setKeyalias(String keyalias) {
		this.keyalias = keyalias;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Boolean getSsl2() {
		return this.ssl2;
	}

	public void setSsl2(Boolean ssl2) {
		this.ssl2 = ssl2;
	}

	public Boolean getSsl3() {
		return this.ssl3;
	}

	public void setSsl3(Boolean ssl3) {
		this.ssl3 = ssl3;
	}

	public Boolean getTls1() {
		return this.tls1;
	}

	public void setTls1(Boolean tls1) {
		this.tls1 = tls1;
	}

	public Boolean getTls11() {
		return this.tls11;
	}

	public void setTls11(Boolean tls11) {
		this.tls11 = tls11;
	}

	public Boolean getTls12() {
		return this.tls12;
	}

	public void setTls12(Boolean tls12) {
		this.tls12 = tls12;
	}

	public Boolean getTls13() {
		return this.tls13;
	}

	public void setTls13(Boolean tls13) {
		this.tls13 = tls13;
	}

	public String getCipher() {
		return this.cipher;
	}

	public void setCipher(String cipher) {
		this.cipher = cipher;
	}

	public String getCiphersuites() {
		return this.ciphersuites;
	}

	public void setCiphersuites(String ciphersuites) {
		this.ciphersuites = ciphersuites;
	}

	public String getGroups() {
		return this.groups;
	}

	public void setGroups(String groups) {
		this.groups = groups;
	}

	public TlsImplementation getProvider() {
		return this.provider;
	}

	public void setProvider(TlsImplementation provider) {
		this.provider = provider;
	}

	public List<String> getAlpn() {
		return this.alpn;
	}

	public void setAlpn(List<String> alpn) {
		this.alpn = alpn;
	}

	public String getServername() {
		return this.servername;
	}

	public void setServername(String servername) {
		this.servername = servername;
	}

	public Boolean getAutoservername() {
		return this.autoservername;
	}

	public void setAutoservername(Boolean autoservername) {
		this.autoservername = autoservername;
	}

	public Boolean getRequest() {
		return this.request;
	}

	public void setRequest(Boolean request) {
		this.request = request;
	}

	public Boolean getRequire() {
		return this.require;
	}

	public void setRequire(Boolean require) {
		this.require = require;
	}

	public Integer getSecurityLevel() {
		return this.securityLevel;
	}

	public void setSecurityLevel(Integer securityLevel) {
		this.securityLevel = securityLevel;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public String getCrlfile() {
		return this.crlfile;
	}

	public void setCrlfile(String crlfile) {
		this.crlfile = crlfile;
	}

	public RevocationMode getRevocation() {
		return this.revocation;
	}

	public void setRevocation(RevocationMode revocation) {
		this.revocation = revocation;
	}

	public RevocationScope getRevocationScope() {
		return this.revocationScope;
	}

	public void setRevocationScope(RevocationScope revocationScope) {
		this.revocationScope = revocationScope;
	}

	public Duration getRevocationTimeout() {
		return this.revocationTimeout;
	}

	public void setRevocationTimeout(Duration revocationTimeout) {
		this.revocationTimeout = revocationTimeout;
	}

	public Boolean getRevocationOcsp() {
		return this.revocationOcsp;
	}

	public void setRevocationOcsp(Boolean revocationOcsp) {
		this.revocationOcsp = revocationOcsp;
	}

	public Boolean getRevocationCrldp() {
		return this.revocationCrldp;
	}

	public void setRevocationCrldp(Boolean revocationCrldp) {
		this.revocationCrldp = revocationCrldp;
	}

	public String getOcspResponder() {
		return this.ocspResponder;
	}

	public void setOcspResponder(String ocspResponder) {
		this.ocspResponder = ocspResponder;
	}

	public Boolean getPostHandshake() {
		return this.postHandshake;
	}

	public void setPostHandshake(Boolean postHandshake) {
		this.postHandshake = postHandshake;
	}

}
