package nemo.mqtt.emitter.store;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows collected column by column, to be bound as one array parameter per column (unnest in SQL):
 * one prepared statement whatever the number of rows. The client binds each array by its element
 * type (a Long[] as bigint[], a UUID[] as uuid[]).
 */
final class ArrayColumns {

    private final List<Class<?>> types;
    private final List<List<Object>> columns = new ArrayList<>();

    /** {@code types}: each column's element type, in column order. */
    ArrayColumns(List<Class<?>> types) {
        this.types = types;
        types.forEach(type -> columns.add(new ArrayList<>()));
    }

    /** Adds a row: one value per column, in column order. */
    void add(Object... row) {
        for (int c = 0; c < row.length; c++) {
            columns.get(c).add(row[c]);
        }
    }

    /** How many rows were added. */
    int rows() {
        return columns.get(0).size();
    }

    /** Each column as an array of its type, in column order. */
    List<Object> arrays() {
        List<Object> arrays = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            List<Object> values = columns.get(c);
            arrays.add(values.toArray((Object[]) Array.newInstance(types.get(c), values.size())));
        }
        return arrays;
    }
}
