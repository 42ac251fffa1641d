package dev.pulse.market;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The assets known to the database: the one authority on which symbols exist. */
@ApplicationScoped
public class AssetCatalog {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    public Optional<Asset> find(String symbol) {
        return em.createQuery("select a from Asset a where a.symbol = :symbol", Asset.class)
                .setParameter("symbol", symbol)
                .getResultStream().findFirst();
    }

    public List<Asset> all() {
        return em.createQuery("select a from Asset a order by a.symbol", Asset.class).getResultList();
    }

    public List<String> symbols() {
        return em.createQuery("select a.symbol from Asset a order by a.symbol", String.class).getResultList();
    }

    /** The requested symbols the catalog does not hold, in request order. */
    public List<String> unknown(Collection<String> requested) {
        Set<String> wanted = new LinkedHashSet<>(requested);
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<String> known = em.createQuery("select a.symbol from Asset a where a.symbol in :symbols", String.class)
                .setParameter("symbols", wanted).getResultList();
        wanted.removeAll(known);
        return List.copyOf(wanted);
    }
}
