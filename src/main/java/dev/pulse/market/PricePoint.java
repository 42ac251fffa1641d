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

/** One price update of an asset, kept as history. */
@Entity
@Table(name = "market_price_history")
public class PricePoint {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "asset_id")
    private Asset asset;

    @Column(nullable = false, precision = 18, scale = Asset.SCALE)
    private BigDecimal price;

    @Column(nullable = false)
    private long volume;

    @Column(nullable = false)
    private String source;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected PricePoint() {
    }

    public PricePoint(Asset asset, BigDecimal price, long volume, String source, Instant recordedAt) {
        this.asset = asset;
        this.price = price;
        this.volume = volume;
        this.source = source;
        this.recordedAt = recordedAt;
    }

    public BigDecimal price() {
        return price;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
