package dev.tlsboot.autoconfigure.jdbc;

import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.jdbc.JdbcTlsContexts;

/**
 * PostgreSQL through pgjdbc on a TLS Boot context: registers every context of {@link TlsContexts} in
 * {@link JdbcTlsContexts} while the application runs, so that a JDBC URL with
 * {@code sslfactory=dev.tlsboot.core.jdbc.PostgresSslFactory&sslfactoryarg=pg} (in {@code spring.datasource.url}
 * or any other) connects with context {@code pg}, see {@link dev.tlsboot.core.jdbc.PostgresSslFactory}. Every
 * {@link DataSource} bean depends on the registration, so that no pool connects before it.
 */
@AutoConfiguration(after = TlsAutoConfiguration.class,
		beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "org.postgresql.Driver")
@ConditionalOnBean(TlsContexts.class)
public final class TlsPostgresAutoConfiguration {

	TlsPostgresAutoConfiguration() {
	}

	@Bean
	JdbcRegistration tlsJdbcRegistration(TlsContexts contexts) {
		return new JdbcRegistration(contexts.asMap().values());
	}

	@Bean
	static DataSourcesAfterJdbcRegistration tlsDataSourcesAfterJdbcRegistration() {
		return new DataSourcesAfterJdbcRegistration();
	}

	/** The contexts registered for JDBC, from the bean's creation until the application context closes. */
	static final class JdbcRegistration implements AutoCloseable {

		private final List<TlsContext> contexts;

		JdbcRegistration(Collection<TlsContext> contexts) {
			this.contexts = List.copyOf(contexts);
			this.contexts.forEach(JdbcTlsContexts::register);
		}

		@Override
		public void close() {
			this.contexts.forEach(JdbcTlsContexts::unregister);
		}

	}

	/**
	 * A pool may connect as soon as its DataSource is made (Hikari with {@code initialization-fail-timeout}, schema
	 * initialization, the application's own beans), so each DataSource waits for the registration.
	 */
	static final class DataSourcesAfterJdbcRegistration extends AbstractDependsOnBeanFactoryPostProcessor {

		DataSourcesAfterJdbcRegistration() {
			super(DataSource.class, JdbcRegistration.class);
		}

	}

}
