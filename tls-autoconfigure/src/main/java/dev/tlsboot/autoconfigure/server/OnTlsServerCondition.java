package dev.tlsboot.autoconfigure.server;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when any {@code tls.server.*} property is set: TLS Boot then configures the web server's TLS.
 */
class OnTlsServerCondition extends SpringBootCondition {

	private static final Bindable<Map<String, Object>> ANY = Bindable.mapOf(String.class, Object.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return Binder.get(context.getEnvironment())
			.bind("tls.server", ANY)
			.map((settings) -> ConditionOutcome.match("tls.server." + settings.keySet().iterator().next() + " is set"))
			.orElseGet(() -> ConditionOutcome.noMatch("no tls.server.* property is set"));
	}

}
