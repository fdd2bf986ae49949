package dev.tlsboot.core.cipher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The working list of OpenSSL's {@code ssl_create_cipher_list}: every suite in preference order, each active
 * (selected so far) or not. The rules move suites around in this list exactly as OpenSSL's linked list does, which
 * is what makes {@code -} (deleted, may come back) different from {@code !} (gone for good).
 */
final class CipherList {

	private List<Entry> entries;

	/** @param suites the suites a string can select, in OpenSSL's internal order, none active yet */
	CipherList(List<CipherSuite> suites) {
		this.entries = suites.stream().map((suite) -> new Entry(suite, false)).toList();
	}

	/** A plain item: activate the matching inactive suites, appended in their current order. */
	void add(Predicate<CipherSuite> matching) {
		regroup((entry) -> !entry.active() && matching.test(entry.suite()), false, true);
	}

	/**
	 * {@code -}: deactivate the matching active suites. OpenSSL moves them to the head of its list, so that a later
	 * item re-adds them ahead of suites never added.
	 */
	void delete(Predicate<CipherSuite> matching) {
		regroup((entry) -> entry.active() && matching.test(entry.suite()), true, false);
	}

	/** {@code !}: remove the matching suites, so that no later item can add them again. */
	void kill(Predicate<CipherSuite> matching) {
		this.entries = this.entries.stream().filter((entry) -> !matching.test(entry.suite())).toList();
	}

	/** {@code +}: move the matching active suites to the end, in their current order. */
	void moveToEnd(Predicate<CipherSuite> matching) {
		regroup((entry) -> entry.active() && matching.test(entry.suite()), false, true);
	}

	/**
	 * {@code @STRENGTH}: the active suites sorted by strength in bits, strongest first, and stable otherwise: like
	 * OpenSSL, move each strength to the end in turn.
	 */
	void sortByStrength() {
		active().stream().map(CipherSuite::bits).distinct().sorted(Comparator.reverseOrder())
			.forEach((bits) -> moveToEnd((suite) -> suite.bits() == bits));
	}

	/** The active suites, most preferred first. */
	List<CipherSuite> active() {
		return this.entries.stream().filter(Entry::active).map(Entry::suite).toList();
	}

	/** Move the selected entries, in their order, to the head or the tail, and mark them active or not. */
	private void regroup(Predicate<Entry> selected, boolean toHead, boolean active) {
		List<Entry> moved = this.entries.stream().filter(selected).map((entry) -> new Entry(entry.suite(), active))
			.toList();
		List<Entry> others = this.entries.stream().filter(selected.negate()).toList();
		List<Entry> regrouped = new ArrayList<>(toHead ? moved : others);
		regrouped.addAll(toHead ? others : moved);
		this.entries = regrouped;
	}

	private record Entry(CipherSuite suite, boolean active) {
	}

}
