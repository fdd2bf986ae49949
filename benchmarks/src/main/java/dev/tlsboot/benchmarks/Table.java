package dev.tlsboot.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** A markdown table whose columns are padded so that it lines up in a terminal too; number columns align right. */
final class Table {

	private final List<Column> columns;

	private final List<List<String>> rows = new ArrayList<>();

	/** A table with these columns. */
	Table(Column... columns) {
		this.columns = List.of(columns);
	}

	/**
	 * Add a row.
	 * @param cells one per column; a {@code |} in a cell is escaped
	 * @return this table
	 */
	Table row(String... cells) {
		if (cells.length != this.columns.size()) {
			throw new IllegalArgumentException(cells.length + " cells for " + this.columns.size() + " columns");
		}
		this.rows.add(Arrays.stream(cells).map((cell) -> cell.replace("|", "\\|")).toList());
		return this;
	}

	@Override
	public String toString() {
		int[] widths = IntStream.range(0, this.columns.size())
			.map((i) -> this.rows.stream()
				.mapToInt((row) -> row.get(i).length())
				.reduce(Math.max(3, this.columns.get(i).title().length()), Math::max))
			.toArray();
		StringBuilder markdown = new StringBuilder();
		markdown.append(line(this.columns.stream().map(Column::title).toList(), widths));
		markdown.append(join(IntStream.range(0, widths.length)
			.mapToObj((i) -> this.columns.get(i).numeric() ? "-".repeat(widths[i] - 1) + ":" : "-".repeat(widths[i]))));
		this.rows.forEach((row) -> markdown.append(line(row, widths)));
		return markdown.toString();
	}

	private String line(List<String> cells, int[] widths) {
		return join(IntStream.range(0, cells.size()).mapToObj((i) -> {
			String padding = " ".repeat(widths[i] - cells.get(i).length());
			return this.columns.get(i).numeric() ? padding + cells.get(i) : cells.get(i) + padding;
		}));
	}

	private static String join(Stream<String> cells) {
		return cells.collect(Collectors.joining(" | ", "| ", " |\n"));
	}

	/**
	 * A column.
	 *
	 * @param title the header
	 * @param numeric whether it holds numbers, aligned right
	 */
	record Column(String title, boolean numeric) {

		static Column text(String title) {
			return new Column(title, false);
		}

		static Column number(String title) {
			return new Column(title, true);
		}

	}

}
