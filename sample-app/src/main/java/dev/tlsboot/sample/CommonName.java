package dev.tlsboot.sample;

import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The common name (CN) in a distinguished name, which the sample takes as a client's identity. */
final class CommonName {

	private CommonName() {
	}

	/**
	 * @param distinguishedName an RFC 2253 name, as {@code CertificateInfo.subject()} gives it
	 * @return the value of its most specific CN, or the whole name when it has none
	 */
	static String of(String distinguishedName) {
		try {
			// LdapName lists RDNs least specific first, the reverse of RFC 2253's order
			List<Rdn> rdns = new LdapName(distinguishedName).getRdns();
			for (int i = rdns.size() - 1; i >= 0; i--) {
				if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
					return String.valueOf(rdns.get(i).getValue());
				}
			}
		}
		catch (InvalidNameException ex) {
			// Not a name LDAP can read: show it as it is
		}
		return distinguishedName;
	}

}
