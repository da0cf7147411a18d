package atelier.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Typed events between tabs (as in the AtlantaFX sampler): a tab publishes what happened, others subscribe by
 * event type, and no tab holds a reference to another. Publish and deliver on the JavaFX thread.
 */
public final class EventBus {
    private final Map<Class<?>, List<Consumer<Object>>> subscribers = new ConcurrentHashMap<>();

    public <E> void subscribe(Class<E> type, Consumer<? super E> handler) {
        subscribers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>())
                .add(event -> handler.accept(type.cast(event)));
    }

    public void publish(Object event) {
        List<Consumer<Object>> handlers = new ArrayList<>();
        subscribers.forEach((type, list) -> {
            if (type.isInstance(event)) {
                handlers.addAll(list);
            }
        });
        handlers.forEach(handler -> handler.accept(event));
    }
}
