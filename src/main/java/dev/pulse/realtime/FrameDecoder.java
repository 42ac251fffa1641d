package dev.pulse.realtime;

import dev.pulse.realtime.MalformedMessageException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Client frames into validated records: the strict decoder first ({@link JsonCodec#parseObject}:
 * size, depth, one value, valid text), then the object's fields into the record's components by
 * their JSON names (snake_case as {@link JsonCodec} writes them, or {@code @JsonbProperty}), then
 * Bean Validation. Types are strict, unlike JSON-B's coercion: a component of type {@code String}
 * takes a JSON string only, {@code Long}/{@code Integer} an integral number, a record or
 * {@code JsonObject} an object; a {@code JsonValue} component takes any value, unchecked. An absent
 * field and JSON null are both {@code null}. The first problem in component order is reported, as
 * a {@link MalformedMessageException} whose {@link Kind} ({@code WRONG_TYPE}, {@code MISSING} for
 * {@code @NotNull}, {@code INVALID_VALUE}) and property let a channel speak its own dialect.
 */
@ApplicationScoped
public class FrameDecoder {

    @Inject
    JsonCodec codec;

    @Inject
    Validator validator;

    /**
     * Per record class, read once: its components, their JSON names and the canonical constructor.
     * {@code getRecordComponents()} builds fresh arrays and accessors on every call, which was half
     * the cost of a decode. The shape is checked when first seen, so a record the decoder cannot
     * fill (a primitive or unsupported component type) fails at once, whatever the client sends.
     */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    /** A record class as the decoder fills it. */
    private record Shape(RecordComponent[] components, String[] names, Constructor<?> constructor) {

        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            String[] names = new String[components.length];
            for (int i = 0; i < components.length; i++) {
                Class<?> component = components[i].getType();
                if (!(JsonValue.class.isAssignableFrom(component) || component == String.class || component == Long.class
                        || component == Integer.class || component == Boolean.class || component.isRecord())) {
                    throw new IllegalArgumentException("frame records take String, Long, Integer, Boolean, JsonValue types or records, not "
                            + component + " (" + type.getName() + "." + components[i].getName() + ")");
                }
                names[i] = jsonName(components[i]);
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(
                        Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                canonical.setAccessible(true);
                return new Shape(components, names, canonical);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** For CDI. */
    protected FrameDecoder() {
    }

    /** Without a container (tests): the codec's strict decoder and a Validator built by hand. */
    public FrameDecoder(JsonCodec codec, Validator validator) {
        this.codec = codec;
        this.validator = validator;
    }

    /**
     * A client text frame as {@code type}: {@code String} is the raw text (not decoded),
     * {@code JsonObject} the strictly parsed object, a record is bound and validated.
     */
    @SuppressWarnings("unchecked")
    public <M> M decode(String text, Class<M> type) throws MalformedMessageException {
        if (type == String.class) {
            return (M) text;
        }
        JsonObject object = codec.parseObject(text);
        return type == JsonObject.class ? (M) object : bind(object, type, "");
    }

    /** {@code object} as the record {@code type}; {@code path} prefixes the reported property names ("data"). */
    public <R> R bind(JsonObject object, Class<R> type, String path) throws MalformedMessageException {
        Shape shape = SHAPES.get(type);
        RecordComponent[] components = shape.components();
        Object[] values = new Object[components.length];
        MalformedMessageException mistyped = null;
        int mistypedAt = Integer.MAX_VALUE;
        for (int i = 0; i < components.length; i++) {
            String key = shape.names()[i];
            JsonValue value = object.get(key);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            try {
                values[i] = convert(value, components[i].getType(), path.isEmpty() ? key : path + "." + key);
            } catch (MalformedMessageException e) {
                if (mistyped == null) {
                    mistyped = e;
                    mistypedAt = i;
                }
            }
        }
        R record = construct(shape, values);
        // The first problem in component order: a constraint on an earlier component comes before a wrong type.
        Optional<ConstraintViolation<R>> first = validator.validate(record).stream()
                .min(Comparator.<ConstraintViolation<R>>comparingInt(v -> indexOf(components, v.getPropertyPath()))
                        .thenComparing(v -> v.getPropertyPath().toString()));
        if (first.isPresent() && indexOf(components, first.get().getPropertyPath()) < mistypedAt) {
            ConstraintViolation<R> violation = first.get();
            int index = indexOf(components, violation.getPropertyPath());
            String property = index < components.length ? shape.names()[index] : violation.getPropertyPath().toString();
            Kind kind = violation.getConstraintDescriptor().getAnnotation() instanceof NotNull ? Kind.MISSING : Kind.INVALID_VALUE;
            throw new MalformedMessageException(kind, path.isEmpty() ? property : path + "." + property, violation.getMessage());
        }
        if (mistyped != null) {
            throw mistyped;
        }
        return record;
    }

    /** The component a violation is on (by its first path node), after every component for class-level or method constraints. */
    private static int indexOf(RecordComponent[] components, Path path) {
        Iterator<Path.Node> nodes = path.iterator();
        String name = nodes.hasNext() ? nodes.next().getName() : null;
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return components.length;
    }

    private Object convert(JsonValue value, Class<?> type, String name) throws MalformedMessageException {
        if (JsonValue.class.isAssignableFrom(type)) {
            if (type.isInstance(value)) {
                return value;
            }
            throw mistyped(name, type == JsonObject.class ? "a JSON object" : type == JsonArray.class ? "a JSON array"
                    : type == JsonString.class ? "a string" : type == JsonNumber.class ? "a number" : "a JSON value");
        }
        if (type == String.class) {
            if (value instanceof JsonString string) {
                return string.getString();
            }
            throw mistyped(name, "a string");
        }
        if (type == Long.class || type == Integer.class) {
            if (value instanceof JsonNumber number && number.isIntegral()) {
                try {
                    return type == Long.class ? (Object) number.longValueExact() : (Object) number.intValueExact();
                } catch (ArithmeticException tooLarge) {
                    // reported below
                }
            }
            throw mistyped(name, "an integer");
        }
        if (type == Boolean.class) {
            if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
                return value.getValueType() == JsonValue.ValueType.TRUE;
            }
            throw mistyped(name, "true or false");
        }
        if (type.isRecord()) {
            if (value instanceof JsonObject object) {
                return bind(object, type, name);
            }
            throw mistyped(name, "a JSON object");
        }
        throw new IllegalArgumentException("frame records take String, Long, Integer, Boolean, JsonValue types or records, not " + type);
    }

    private static MalformedMessageException mistyped(String name, String expected) {
        return new MalformedMessageException(Kind.WRONG_TYPE, name, name + " must be " + expected);
    }

    private static String jsonName(RecordComponent component) {
        JsonbProperty property = component.getAccessor().getAnnotation(JsonbProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        String name = component.getName();
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    @SuppressWarnings("unchecked")
    private static <R> R construct(Shape shape, Object[] values) {
        try {
            return (R) shape.constructor().newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
