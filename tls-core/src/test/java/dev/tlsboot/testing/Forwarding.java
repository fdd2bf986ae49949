package dev.tlsboot.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which methods a forwarding class leaves to the state of its own, unconnected superclass: a method it does not
 * override answers from the wrapper rather than from the socket or engine it wraps.
 */
public final class Forwarding {

	private Forwarding() {
	}

	/**
	 * The public methods of {@code api} and its superclasses that {@code forwarding} could override and does not.
	 * @param api the JDK class wrapped, e.g. {@code SSLSocket}
	 * @param forwarding the forwarding class
	 * @param deliberate names of methods left out on purpose, as {@code name(Type, ...)} with simple type names
	 * @return {@code name(Type, ...)} of each method left out, other than the deliberate ones
	 */
	public static List<String> unforwarded(Class<?> api, Class<?> forwarding, Set<String> deliberate) {
		List<String> missing = new ArrayList<>();
		for (Class<?> type = api; type != Object.class; type = type.getSuperclass()) {
			for (Method method : type.getDeclaredMethods()) {
				int modifiers = method.getModifiers();
				String signature = method.getName() + "(" + Arrays.stream(method.getParameterTypes())
					.map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
				if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)
						&& !declares(forwarding, method) && !deliberate.contains(signature)) {
					missing.add(signature);
				}
			}
		}
		return missing;
	}

	private static boolean declares(Class<?> type, Method method) {
		try {
			type.getDeclaredMethod(method.getName(), method.getParameterTypes());
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
