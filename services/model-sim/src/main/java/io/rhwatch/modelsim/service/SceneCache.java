package io.rhwatch.modelsim.service;

import io.rhwatch.modelsim.vision.PerceivedScene;
import io.rhwatch.modelsim.vision.SceneReader;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads scenes from images, remembering the last few: budget forcing sends the same image once for the thinking
 * and once per budget level, and decoding it each time would be wasted work.
 */
public final class SceneCache {

    private final Map<ByteBuffer, PerceivedScene> remembered;

    public SceneCache(int capacity) {
        this.remembered = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, PerceivedScene> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @throws io.rhwatch.modelsim.vision.UnreadableImageException when the bytes are not a decodable image */
    public SeenImage see(byte[] encoded) {
        byte[] digest = Draws.digest(encoded);
        ByteBuffer key = ByteBuffer.wrap(digest);
        PerceivedScene scene;
        synchronized (remembered) {
            scene = remembered.get(key);
        }
        if (scene == null) {
            scene = SceneReader.read(encoded);
            synchronized (remembered) {
                remembered.put(key, scene);
            }
        }
        return new SeenImage(digest, scene);
    }
}
