package io.reescreen.model.data;

/** What a reader does with bad rows. Header problems always throw: no row can be read without a header. */
public enum ReadMode {
    /** Bad rows are skipped and reported in the {@link ReadResult}. */
    LENIENT,
    /** Any bad row throws a {@link DatasetFormatException} listing every bad row. */
    STRICT
}
