package nemo.mqtt.emitter.api;

import java.io.IOException;
import java.time.OffsetDateTime;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;

import nemo.mqtt.wire.WireTime;

/** The API answers times in the one wire form too ({@link WireTime}: UTC, three decimals, +00:00). */
@Singleton
public class WireTimeJson implements ObjectMapperCustomizer {

    /** After Quarkus's own customizers, which register the Java time module: the module registered last wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("wire-time")
                .addSerializer(OffsetDateTime.class, new StdSerializer<>(OffsetDateTime.class) {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                        json.writeString(WireTime.format(value));
                    }
                }));
    }
}
