package org.clientele.platform.privacy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.clientele.events.privacy.Erased;
import org.clientele.events.privacy.PersonalData;

/**
 * Axon's Jackson serializer, with crypto-shredding: each {@link PersonalData} part of an event is stored as
 * {@code {"$sealed": "<base64>"}}, encrypted with the key of the event's {@code customerId}, and opened again on the
 * way back. Once that key is shredded the part reads as {@link Erased#TEXT}, or as {@code {"erased": true}} for a
 * structured part, and the rest of the event reads as before. Everything without personal data (tokens, metadata,
 * purchases) goes through the plain serializer untouched.
 */
public class CryptoShreddingSerializer implements Serializer {

    static final String SEALED = "$sealed";

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final CustomerKeys keys;
    private final ClassValue<PersonalParts> partsByType = new ClassValue<>() {
        @Override
        protected PersonalParts computeValue(Class<?> type) {
            return PersonalParts.of(type);
        }
    };
    /**
     * What each stored type reads as: its class, its personal parts and a reader made once. Axon's serializer looks
     * the class up by name and makes a reader for every event, which a replay of millions of events pays for each.
     */
    private final Map<SerializedType, Decoding> decodings = new ConcurrentHashMap<>();
    /** The same for types without a revision, by name alone: a type's hash is an array's, made at each lookup. */
    private final Map<String, Decoding> decodingsByName = new ConcurrentHashMap<>();

    private record Decoding(Class<?> type, PersonalParts parts, ObjectReader reader) {}

    public CryptoShreddingSerializer(JacksonSerializer delegate, CustomerKeys keys) {
        this.delegate = delegate;
        // Trees keep decimals exact, as the plain serializer does: 10.50 stays 10.50, not 10.5 or a double.
        this.mapper = delegate.getObjectMapper()
                .copy()
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.keys = keys;
    }

    /** The personal parts of a type, and whether each is text. */
    record PersonalParts(List<String> names, List<Boolean> text) {

        static final PersonalParts NONE = new PersonalParts(List.of(), List.of());

        static PersonalParts of(Class<?> type) {
            if (!type.isRecord()) {
                return NONE;
            }
            List<RecordComponent> marked = Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.isAnnotationPresent(PersonalData.class))
                    .toList();
            if (marked.isEmpty()) {
                return NONE;
            }
            return new PersonalParts(
                    marked.stream().map(RecordComponent::getName).toList(),
                    marked.stream().map(c -> c.getType() == String.class).toList());
        }

        boolean isEmpty() {
            return names.isEmpty();
        }
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalParts parts = object == null ? PersonalParts.NONE : partsByType.get(object.getClass());
        if (parts.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        UUID customer = customerOf(tree, object.getClass());
        SecretKey key = null;
        for (String name : parts.names()) {
            JsonNode value = tree.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (key == null) {
                key = keys.keyForWriting(customer);
            }
            byte[] sealed = Aead.seal(key, bytes(value), CustomerKeys.associatedData(customer));
            tree.set(
                    name,
                    mapper.createObjectNode().put(SEALED, Base64.getEncoder().encodeToString(sealed)));
        }
        SerializedObject<JsonNode> serialized =
                new SimpleSerializedObject<>(tree, JsonNode.class, typeForClass(object.getClass()));
        return delegate.getConverter().convert(serialized, expectedRepresentation);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (SerializedType.emptyType().equals(serializedObject.getType())) {
            return delegate.deserialize(serializedObject);
        }
        Decoding decoding = decodingOf(serializedObject.getType());
        if (decoding.reader() == null) {
            return delegate.deserialize(serializedObject); // an unknown type: Axon's own answer
        }
        try {
            if (decoding.parts().isEmpty()) {
                if (serializedObject.getData() instanceof byte[] bytes) {
                    return decoding.reader().readValue(bytes);
                }
                return delegate.deserialize(serializedObject);
            }
            byte[] stored = delegate.getConverter()
                    .convert(serializedObject, byte[].class)
                    .getData();
            JsonNode tree = mapper.readTree(stored);
            return decoding.reader().readValue(reveal(tree, decoding.parts()));
        } catch (IOException e) {
            throw new SerializationException("Error while deserializing object", e);
        }
    }

    private Decoding decodingOf(SerializedType type) {
        if (type.getRevision() != null) {
            return decodings.computeIfAbsent(type, this::decoding);
        }
        Decoding known = decodingsByName.get(type.getName());
        return known != null ? known : decodingsByName.computeIfAbsent(type.getName(), name -> decoding(type));
    }

    private Decoding decoding(SerializedType stored) {
        Class<?> type = delegate.classForType(stored);
        if (UnknownSerializedType.class.isAssignableFrom(type)) {
            return new Decoding(type, PersonalParts.NONE, null);
        }
        // the plain serializer's reader, as Axon's would make it for each event
        return new Decoding(
                type, partsByType.get(type), delegate.getObjectMapper().readerFor(type));
    }

    /**
     * An event's payload as readable JSON, its personal parts opened, or marked erased: for the right of access,
     * which shows every event of a person as recorded.
     */
    public JsonNode readable(byte[] payload, String payloadType, String revision) {
        try {
            JsonNode tree = mapper.readTree(payload);
            PersonalParts parts =
                    decodingOf(new SimpleSerializedType(payloadType, revision)).parts();
            return parts.isEmpty() ? tree : reveal(tree, parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the sealed parts in the tree itself, freshly read by the caller. */
    private JsonNode reveal(JsonNode stored, PersonalParts parts) {
        if (!(stored instanceof ObjectNode tree)) {
            return stored;
        }
        UUID customer = null;
        CustomerKeys.KeyState state = null;
        for (int i = 0; i < parts.names().size(); i++) {
            String name = parts.names().get(i);
            JsonNode value = tree.get(name);
            if (value == null || !value.has(SEALED)) {
                continue; // absent, or written before encryption
            }
            if (state == null) {
                customer = customerOf(tree, null);
                state = keys.keyForReading(customer);
            }
            if (state instanceof CustomerKeys.Live live) {
                tree.set(name, open(live.key(), customer, value.get(SEALED).asText()));
            } else {
                tree.set(name, parts.text().get(i) ? TextNode.valueOf(Erased.TEXT) : erasedObject());
            }
        }
        return tree;
    }

    private JsonNode open(SecretKey key, UUID customer, String sealed) {
        try {
            byte[] plain = Aead.open(key, Base64.getDecoder().decode(sealed), CustomerKeys.associatedData(customer));
            return mapper.readTree(plain);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("personal data of customer " + customer
                    + " does not open with the customer's key: the event was altered or copied from another customer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode erasedObject() {
        return mapper.createObjectNode().put("erased", true);
    }

    private byte[] bytes(JsonNode value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UUID customerOf(JsonNode tree, Class<?> type) {
        JsonNode id = tree.path("customerId");
        JsonNode value = id.isObject() ? id.path("value") : id;
        if (!value.isTextual()) {
            throw new IllegalStateException(
                    (type == null ? "an event" : type.getName()) + " has personal data but no customerId to key it");
        }
        return UUID.fromString(value.asText());
    }

    @Override
    public Class classForType(SerializedType type) {
        if (SerializedType.emptyType().equals(type)) {
            return delegate.classForType(type);
        }
        // Axon asks for every event twice (payload and metadata) before it decodes anything
        return decodingOf(type).type();
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
