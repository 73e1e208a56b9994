package io.reescreen.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** Every schema file of the contract, parsed as the Avro plugin parses them (shared types first). */
final class ContractSchemas {

    private static final Path AVRO_DIR = Paths.get("src", "main", "avro");

    private ContractSchemas() {
    }

    static List<Schema> all() {
        Schema.Parser parser = new Schema.Parser();
        List<Schema> schemas = new ArrayList<>();
        for (Path file : files(AVRO_DIR.resolve("common"))) {
            schemas.add(parse(parser, file));
        }
        for (Path file : files(AVRO_DIR)) {
            schemas.add(parse(parser, file));
        }
        return schemas;
    }

    /** The top-level record types, one per topic value. */
    static List<Schema> topLevelRecords() {
        return all().stream().filter(s -> s.getType() == Schema.Type.RECORD)
                .filter(s -> Files.exists(AVRO_DIR.resolve(s.getName() + ".avsc"))).toList();
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
