package dev.tlsboot.core.revocation;

/** The {@code revocation-scope} option: which certificates of a peer's chain are checked for revocation. */
public enum RevocationScope {

	/** Every certificate below the trust anchor: the peer's own and the intermediate CAs'. The default. */
	CHAIN,

	/** The peer's own certificate only. */
	LEAF

}
