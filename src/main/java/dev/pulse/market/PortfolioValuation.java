package dev.pulse.market;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Values portfolios at the assets' current prices, against the day's reference prices. */
@ApplicationScoped
public class PortfolioValuation {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    public Optional<Portfolio> portfolio(long id) {
        return Optional.ofNullable(em.find(Portfolio.class, id));
    }

    public Optional<PortfolioValue> value(long id) {
        return portfolio(id).map(portfolio -> value(portfolio, em.createQuery(
                        "select p from Position p join fetch p.asset where p.portfolio.id = :id", Position.class)
                .setParameter("id", id).getResultList()));
    }

    /** Portfolios holding any of the symbols, oldest first (so their updates go out in a stable order). */
    public List<Long> holding(Collection<String> symbols) {
        return em.createQuery("select distinct p.portfolio.id from Position p where p.asset.symbol in :symbols order by p.portfolio.id", Long.class)
                .setParameter("symbols", symbols).getResultList();
    }

    public static PortfolioValue value(Portfolio portfolio, List<Position> positions) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal change = BigDecimal.ZERO;
        for (Position position : positions) {
            total = total.add(position.quantity().multiply(position.asset().currentPrice()));
            change = change.add(position.quantity().multiply(position.asset().change()));
        }
        BigDecimal reference = total.subtract(change);
        BigDecimal percent = reference.signum() == 0 ? BigDecimal.ZERO
                : change.multiply(BigDecimal.valueOf(100)).divide(reference, 2, RoundingMode.HALF_UP);
        return new PortfolioValue(portfolio.id(), portfolio.name(), money(total), money(change), percent.doubleValue());
    }

    private static double money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
