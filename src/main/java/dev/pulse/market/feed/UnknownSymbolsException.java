package dev.pulse.market.feed;

import java.util.List;

/** Some requested symbols are not in the asset catalog. */
public class UnknownSymbolsException extends RuntimeException {

    private final List<String> symbols;

    public UnknownSymbolsException(List<String> symbols) {
        super("Unknown symbols: " + String.join(", ", symbols));
        this.symbols = List.copyOf(symbols);
    }

    public List<String> symbols() {
        return symbols;
    }
}
