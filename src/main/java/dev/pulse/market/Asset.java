package dev.pulse.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A tradable instrument and its latest price; the day's reference is {@code previousClose}. */
@Entity
@Table(name = "market_asset")
public class Asset {

    public static final int SCALE = 4;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 20)
    private String symbol;

    @Column(nullable = false)
    private String name;

    @Column(name = "asset_type", nullable = false)
    private String assetType;

    @Column(name = "current_price", nullable = false, precision = 18, scale = SCALE)
    private BigDecimal currentPrice;

    @Column(name = "previous_close", nullable = false, precision = 18, scale = SCALE)
    private BigDecimal previousClose;

    @Column(name = "day_high", nullable = false, precision = 18, scale = SCALE)
    private BigDecimal dayHigh;

    @Column(name = "day_low", nullable = false, precision = 18, scale = SCALE)
    private BigDecimal dayLow;

    @Column(nullable = false)
    private long volume;

    @Column(name = "last_updated", nullable = false)
    private Instant lastUpdated;

    protected Asset() {
    }

    /** A new asset whose day starts at {@code price}. */
    public Asset(String symbol, String name, String assetType, BigDecimal price, Instant at) {
        this.symbol = symbol;
        this.name = name;
        this.assetType = assetType;
        BigDecimal scaled = price.setScale(SCALE, RoundingMode.HALF_UP);
        this.currentPrice = scaled;
        this.previousClose = scaled;
        this.dayHigh = scaled;
        this.dayLow = scaled;
        this.lastUpdated = at;
    }

    /** Moves the price, widening the day's range and adding the traded volume. */
    public void reprice(BigDecimal price, long tradedVolume, Instant at) {
        BigDecimal scaled = price.setScale(SCALE, RoundingMode.HALF_UP);
        if (lastUpdated != null && !lastUpdated.truncatedTo(ChronoUnit.DAYS).equals(at.truncatedTo(ChronoUnit.DAYS))) {
            // A new (UTC) trading day: yesterday's last price is today's reference.
            previousClose = currentPrice;
            dayHigh = null;
            dayLow = null;
            volume = 0;
        }
        currentPrice = scaled;
        dayHigh = dayHigh == null || scaled.compareTo(dayHigh) > 0 ? scaled : dayHigh;
        dayLow = dayLow == null || scaled.compareTo(dayLow) < 0 ? scaled : dayLow;
        volume += tradedVolume;
        lastUpdated = at;
    }

    public BigDecimal change() {
        return currentPrice.subtract(previousClose);
    }

    public BigDecimal changePercent() {
        if (previousClose.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return change().multiply(BigDecimal.valueOf(100)).divide(previousClose, 2, RoundingMode.HALF_UP);
    }

    public Long id() {
        return id;
    }

    public String symbol() {
        return symbol;
    }

    public String name() {
        return name;
    }

    public String assetType() {
        return assetType;
    }

    public BigDecimal currentPrice() {
        return currentPrice;
    }

    public BigDecimal previousClose() {
        return previousClose;
    }

    public BigDecimal dayHigh() {
        return dayHigh;
    }

    public BigDecimal dayLow() {
        return dayLow;
    }

    public long volume() {
        return volume;
    }

    public Instant lastUpdated() {
        return lastUpdated;
    }
}
