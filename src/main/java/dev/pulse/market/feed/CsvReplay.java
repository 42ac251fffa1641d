package dev.pulse.market.feed;

import dev.pulse.market.PriceSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays recorded prices: lines {@code symbol,price[,volume]} (a header line and {@code #}
 * comments are skipped). Each symbol's rows are played in file order and start over at the end;
 * a symbol the file does not mention keeps its price.
 */
public class CsvReplay implements PriceSource {

    private final Map<String, List<Trade>> rows;
    private final Map<String, AtomicInteger> positions = new ConcurrentHashMap<>();

    private CsvReplay(Map<String, List<Trade>> rows) {
        this.rows = rows;
    }

    public static CsvReplay parse(Reader csv) throws IOException {
        Map<String, List<Trade>> rows = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(csv)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#") || (number == 1 && text.toLowerCase().startsWith("symbol"))) {
                    continue;
                }
                String[] cells = text.split(",", -1);
                if (cells.length < 2 || cells.length > 3 || cells[0].isBlank()) {
                    throw new IllegalArgumentException("line " + number + ": expected symbol,price[,volume] but got '" + text + "'");
                }
                try {
                    BigDecimal price = new BigDecimal(cells[1].strip());
                    long volume = cells.length == 3 && !cells[2].isBlank() ? Long.parseLong(cells[2].strip()) : 0;
                    if (price.signum() <= 0 || volume < 0) {
                        throw new IllegalArgumentException("line " + number + ": price must be positive and volume not negative");
                    }
                    rows.computeIfAbsent(cells[0].strip(), s -> new ArrayList<>()).add(new Trade(price, volume));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + number + ": not a number in '" + text + "'", e);
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the CSV holds no prices");
        }
        return new CsvReplay(rows);
    }

    public Set<String> symbols() {
        return rows.keySet();
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public Trade next(String symbol, BigDecimal current) {
        List<Trade> recorded = rows.get(symbol);
        if (recorded == null) {
            return new Trade(current, 0);
        }
        int index = positions.computeIfAbsent(symbol, s -> new AtomicInteger()).getAndIncrement();
        return recorded.get(Math.floorMod(index, recorded.size()));
    }
}
