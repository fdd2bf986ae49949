package dev.tlsboot.core.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.Location;

/**
 * Reloads contexts when the files of their material change: certificate manager renewals, Kubernetes secret
 * volumes, a certificate copied in by hand.
 * <ul>
 * <li>It watches the directories, not the files: a Kubernetes secret volume swaps a {@code ..data} symlink by an
 * atomic rename, which changes no watched file's own inode; paths are resolved again on each read.</li>
 * <li>Changes are debounced: a reload happens once the directory has been quiet for {@code quietPeriod}, so a
 * certificate and its key written one after the other are read as one set.</li>
 * <li>A poll every {@code pollInterval} compares a hash of the files' contents, for volumes where watching does not
 * work (network file systems, some container runtimes); a reload happens only when the contents changed.</li>
 * <li>A set that the context refuses is reported to the {@link Listener} and the old material keeps serving; the
 * next change tries again.</li>
 * <li>A reload done elsewhere ({@link TlsContext#reload()} called by the application) counts as the watcher's own:
 * the files it read are not reloaded again.</li>
 * </ul>
 * One daemon thread serves every context watched; {@link #close()} stops it.
 */
public final class MaterialWatcher implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(MaterialWatcher.class.getName());

	private static final long TICK_MILLIS = 100;

	/** What happened to a reload. */
	public interface Listener {

		/** The context now serves new material. */
		default void reloaded(TlsContext context) {
		}

		/** The new material was refused; the context still serves the old. */
		default void refused(TlsContext context, RuntimeException reason) {
		}

	}

	private final Duration quietPeriod;

	private final Duration pollInterval;

	private final Listener listener;

	private final WatchService watchService;

	private final ScheduledExecutorService scheduler;

	private final Map<TlsContext, Watched> watched = new ConcurrentHashMap<>();

	/**
	 * @param quietPeriod how long the files must be left alone before they are read
	 * @param pollInterval how often the contents are compared, whether or not an event came
	 * @param listener told of every reload and refusal
	 */
	public MaterialWatcher(Duration quietPeriod, Duration pollInterval, Listener listener) {
		this(quietPeriod, pollInterval, listener, true);
	}

	/** With {@code watchEvents} off, only polling notices changes, as on a volume where watching fails. */
	MaterialWatcher(Duration quietPeriod, Duration pollInterval, Listener listener, boolean watchEvents) {
		this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
		this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.watchService = watchEvents ? newWatchService() : null;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "tls-material-watcher");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	private static WatchService newWatchService() {
		try {
			return FileSystems.getDefault().newWatchService();
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.log(System.Logger.Level.WARNING, "File watching is not available ({0}); polling only", ex);
			return null;
		}
	}

	/**
	 * Watch the files {@code context}'s options name ({@code certfile}, {@code keyfile}, {@code cafile},
	 * {@code cadir}, {@code castore} files); class path resources cannot change and are not watched.
	 * @param context a context built from files
	 * @return whether there is anything to watch
	 */
	public boolean watch(TlsContext context) {
		List<Path> files = files(context.options());
		if (files.isEmpty()) {
			return false;
		}
		Set<Path> directories = new LinkedHashSet<>();
		for (Path file : files) {
			Path directory = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
			if (directory != null) {
				directories.add(directory);
			}
		}
		if (this.watchService != null) {
			for (Path directory : directories) {
				if (!Files.isDirectory(directory)) {
					// An optional file's directory may appear later (a volume mounted after startup).
					logger.log(System.Logger.Level.INFO, "{0} does not exist yet: polling covers TLS context ''{1}'' "
							+ "until it appears", directory, context.name());
					continue;
				}
				try {
					directory.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
							StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
				}
				catch (IOException ex) {
					logger.log(System.Logger.Level.WARNING,
							"Cannot watch {0} for TLS context ''{1}'' ({2}); polling only", directory,
							context.name(), ex.getMessage());
				}
			}
		}
		if (this.watched.put(context, new Watched(files, directories, fingerprint(files))) == null) {
			// Whoever reloaded, the context now serves these files: without this, the next tick would see them as
			// changed and reload (and log) a second time.
			context.onReload(this::reloaded);
		}
		logger.log(System.Logger.Level.INFO, "Watching {0} for TLS context ''{1}''", directories, context.name());
		return true;
	}

	private static List<Path> files(TlsOptions options) {
		List<Location> locations = new ArrayList<>(
				Arrays.asList(options.certfile(), options.keyfile(), options.cafile(), options.cadir(),
						options.crlfile()));
		options.castore().stream().filter((uri) -> uri.startsWith("file:")).map(Location::of).forEach(locations::add);
		return locations.stream()
			.filter(Objects::nonNull)
			.filter((location) -> !location.isClasspath())
			.map(Location::path)
			.toList();
	}

	private void tick() {
		try {
			drainEvents();
			Instant now = Instant.now();
			this.watched.forEach((context, state) -> {
				boolean quiet = state.changedAt != null
						&& !now.isBefore(state.changedAt.plus(this.quietPeriod));
				boolean pollDue = !now.isBefore(state.polledAt.plus(this.pollInterval));
				if (quiet || pollDue) {
					state.changedAt = null;
					state.polledAt = now;
					reloadIfChanged(context, state);
				}
			});
		}
		catch (RuntimeException ex) {
			// The thread must survive anything a single tick throws, or rotation stops for good.
			logger.log(System.Logger.Level.ERROR, "TLS material watcher tick failed", ex);
		}
	}

	private void drainEvents() {
		if (this.watchService == null) {
			return;
		}
		try {
			for (WatchKey key = this.watchService.poll(); key != null; key = this.watchService.poll()) {
				Path directory = (Path) key.watchable();
				key.pollEvents();
				key.reset();
				Instant now = Instant.now();
				this.watched.values().stream()
					.filter((state) -> state.directories.contains(directory))
					.forEach((state) -> state.changedAt = now);
			}
		}
		catch (ClosedWatchServiceException ex) {
			// closing down
		}
	}

	private void reloadIfChanged(TlsContext context, Watched state) {
		String fingerprint = fingerprint(state.files);
		if (fingerprint.equals(state.fingerprint)) {
			return;
		}
		state.fingerprint = fingerprint;
		try {
			context.reload();
			this.listener.reloaded(context);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "TLS context ''{0}'' keeps its current material: {1}",
					context.name(), ex.getMessage());
			this.listener.refused(context, ex);
		}
	}

	private void reloaded(TlsContext context) {
		Watched state = this.watched.get(context);
		if (state != null) {
			state.fingerprint = fingerprint(state.files);
		}
	}

	/** A hash of every file's content (directories: of their files), following symlinks anew each time. */
	private static String fingerprint(List<Path> files) {
		MessageDigest digest = sha256();
		for (Path file : files) {
			digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
			try {
				if (Files.isDirectory(file)) {
					try (Stream<Path> entries = Files.list(file)) {
						for (Path entry : entries.sorted().toList()) {
							if (Files.isRegularFile(entry)) {
								digest.update(entry.getFileName().toString().getBytes(StandardCharsets.UTF_8));
								digest.update(Files.readAllBytes(entry));
							}
						}
					}
				}
				else {
					digest.update(Files.readAllBytes(file));
				}
			}
			catch (IOException ex) {
				// A file missing in the middle of a swap: the hash differs, and the reload says what is wrong.
				digest.update((byte) 0);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK has no SHA-256", ex);
		}
	}

	/** Stop watching and polling. */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		if (this.watchService != null) {
			try {
				this.watchService.close();
			}
			catch (IOException ex) {
				// nothing left to release
			}
		}
	}

	/** What is known of one context's files; touched by the watcher thread, and by whoever reloads the context. */
	private static final class Watched {

		final List<Path> files;

		final Set<Path> directories;

		volatile String fingerprint;

		volatile Instant changedAt;

		volatile Instant polledAt = Instant.now();

		Watched(List<Path> files, Set<Path> directories, String fingerprint) {
			this.files = files;
			this.directories = directories;
			this.fingerprint = fingerprint;
		}

	}

}
