package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class SchemaIdentityDatumProviderTest {

    private static final OxideMolPct VALUE = OxideMolPct.newBuilder().setOxide(MajorOxide.CaO).setMeanMolPct(12.5)
            .setSpreadMolPct(0.4).setStandardErrorMolPct(0.1).setByDifference(false).build();

    @Test
    void writesAndReadsWhatTheDefaultProviderWould() throws IOException {
        SchemaIdentityDatumProvider<OxideMolPct> provider = new SchemaIdentityDatumProvider<>();
        provider.configure(new AvroSerdeConfig(Map.of("apicurio.registry.use-specific-avro-reader", true)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Encoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        provider.createDatumWriter(VALUE, provider.toSchema(VALUE)).write(VALUE, encoder);
        encoder.flush();
        OxideMolPct back = provider.createDatumReader(OxideMolPct.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertEquals(VALUE, back);
    }

    @Test
    void theSameSchemaObjectReusesItsWriterAndAnEqualCopyReachesTheSameOne() {
        SchemaIdentityDatumProvider<OxideMolPct> provider = new SchemaIdentityDatumProvider<>();
        Schema schema = OxideMolPct.getClassSchema();
        DatumWriter<OxideMolPct> first = provider.createDatumWriter(VALUE, schema);
        assertSame(first, provider.createDatumWriter(VALUE, schema));
        Schema copy = new Schema.Parser().parse(schema.toString());
        assertEquals(schema, copy);
        assertSame(first, provider.createDatumWriter(VALUE, copy), "a new object falls through to the default's cache");
        assertSame(provider.createDatumReader(schema), provider.createDatumReader(schema));
    }
}
