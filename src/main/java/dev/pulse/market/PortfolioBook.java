package dev.pulse.market;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Users' portfolios and their positions: creation and holdings, each change in one transaction. */
@ApplicationScoped
@Transactional
public class PortfolioBook {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    public Portfolio create(String owner, String name) {
        Portfolio portfolio = new Portfolio(name, owner);
        em.persist(portfolio);
        return portfolio;
    }

    public Optional<Portfolio> find(long id) {
        return Optional.ofNullable(em.find(Portfolio.class, id));
    }

    public List<Portfolio> ownedBy(String owner) {
        return em.createQuery("select p from Portfolio p where p.owner = :owner order by p.id", Portfolio.class)
                .setParameter("owner", owner).getResultList();
    }

    public List<Position> positions(long portfolioId) {
        return em.createQuery("select p from Position p join fetch p.asset a where p.portfolio.id = :id order by a.symbol",
                        Position.class)
                .setParameter("id", portfolioId).getResultList();
    }

    /**
     * Sets the quantity of {@code asset} held in the portfolio: adds the position, replaces its
     * quantity, or with zero removes it. The portfolio row is locked so two concurrent changes of
     * the same holding queue up instead of both inserting.
     */
    public void hold(long portfolioId, Asset asset, BigDecimal quantity) {
        Portfolio portfolio = em.find(Portfolio.class, portfolioId, LockModeType.PESSIMISTIC_WRITE);
        Optional<Position> held = em.createQuery(
                        "select p from Position p where p.portfolio.id = :id and p.asset.id = :asset", Position.class)
                .setParameter("id", portfolioId).setParameter("asset", asset.id())
                .getResultStream().findFirst();
        if (quantity.signum() == 0) {
            held.ifPresent(em::remove);
        } else if (held.isPresent()) {
            held.get().requantity(quantity);
        } else {
            Asset current = em.find(Asset.class, asset.id());
            em.persist(new Position(portfolio, current, quantity, current.currentPrice()));
        }
    }
}
