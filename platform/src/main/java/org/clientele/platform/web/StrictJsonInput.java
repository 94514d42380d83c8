package org.clientele.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import org.clientele.events.purchase.DecimalBounds;
import org.clientele.events.text.ControlCharacters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a request body may carry, checked as it is read so that the answer names the field: no text the event store
 * cannot hold (see {@link ControlCharacters}) and no decimal beyond {@link DecimalBounds}. Only the web's
 * ObjectMapper has these rules: the event serializer has its own and must read any event already stored.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonInput {

    /** A module bean: Spring Boot installs every one on the ObjectMapper it builds. */
    @Bean
    SimpleModule strictJsonInputModule() {
        SimpleModule module = new SimpleModule("clientele-strict-input");
        module.addDeserializer(String.class, new CheckedText());
        module.addDeserializer(BigDecimal.class, new BoundedDecimal());
        return module;
    }

    static final class CheckedText extends StdScalarDeserializer<String> {

        CheckedText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            var problem = ControlCharacters.problem(text);
            if (problem.isPresent()) {
                throw invalid(parser, context, String.class, problem.get());
            }
            return text;
        }
    }

    static final class BoundedDecimal extends StdScalarDeserializer<BigDecimal> {

        BoundedDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, context);
            try {
                return DecimalBounds.check(value, "the number");
            } catch (IllegalArgumentException e) {
                throw invalid(parser, context, BigDecimal.class, e.getMessage());
            }
        }
    }

    /** The existing answer for an invalid value: the field's path, and this reason. */
    private static ValueInstantiationException invalid(
            JsonParser parser, DeserializationContext context, Class<?> type, String reason) {
        return ValueInstantiationException.from(
                parser, reason, context.constructType(type), new IllegalArgumentException(reason));
    }
}
