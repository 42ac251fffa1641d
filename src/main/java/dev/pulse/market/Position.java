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

/** A holding of one asset in a portfolio. */
@Entity
@Table(name = "market_position")
public class Position {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "portfolio_id")
    private Portfolio portfolio;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "asset_id")
    private Asset asset;

    @Column(nullable = false, precision = 18, scale = 6)
    private BigDecimal quantity;

    @Column(name = "average_cost", nullable = false, precision = 18, scale = Asset.SCALE)
    private BigDecimal averageCost;

    protected Position() {
    }

    public Position(Portfolio portfolio, Asset asset, BigDecimal quantity, BigDecimal averageCost) {
        this.portfolio = portfolio;
        this.asset = asset;
        this.quantity = quantity;
        this.averageCost = averageCost;
    }

    /** Replaces the held quantity; the average cost stays that of the first purchase. */
    public void requantity(BigDecimal quantity) {
        this.quantity = quantity;
    }

    public Asset asset() {
        return asset;
    }

    public BigDecimal quantity() {
        return quantity;
    }
}
