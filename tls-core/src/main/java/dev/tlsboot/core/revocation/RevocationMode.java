package dev.tlsboot.core.revocation;

/** The {@code revocation} option: whether, and how strictly, peer certificates are checked for revocation. */
public enum RevocationMode {

	/** No check at all; a {@code crlfile} is ignored. */
	OFF,

	/**
	 * A certificate that any source says is revoked is refused; one whose status no source can tell passes, and is
	 * reported.
	 */
	SOFT,

	/** A certificate passes only when at least one source says it is good and none says it is revoked. */
	HARD

}
