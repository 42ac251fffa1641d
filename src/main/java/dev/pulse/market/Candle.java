package dev.pulse.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** An OHLC bar of one asset over one interval starting at {@code openTime}. */
@Entity
@Table(name = "market_candle")
public class Candle {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "asset_id")
    private Asset asset;

    @Column(name = "interval_seconds", nullable = false)
    private int intervalSeconds;

    @Column(name = "open_time", nullable = false)
    private Instant openTime;

    @Column(name = "open_price", nullable = false, precision = 18, scale = Asset.SCALE)
    private BigDecimal open;

    @Column(name = "high_price", nullable = false, precision = 18, scale = Asset.SCALE)
    private BigDecimal high;

    @Column(name = "low_price", nullable = false, precision = 18, scale = Asset.SCALE)
    private BigDecimal low;

    @Column(name = "close_price", nullable = false, precision = 18, scale = Asset.SCALE)
    private BigDecimal close;

    @Column(nullable = false)
    private long volume;

    protected Candle() {
    }

    public Candle(Asset asset, Ohlc bar) {
        this.asset = asset;
        this.intervalSeconds = bar.intervalSeconds();
        this.openTime = bar.openTime();
        copy(bar);
    }

    /** Takes the bar's values (the bar already includes what this row held). */
    public void copy(Ohlc bar) {
        open = bar.open();
        high = bar.high();
        low = bar.low();
        close = bar.close();
        volume = bar.volume();
    }

    public Ohlc bar() {
        return new Ohlc(openTime, intervalSeconds, open, high, low, close, volume);
    }
}
