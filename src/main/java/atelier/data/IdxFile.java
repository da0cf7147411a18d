package atelier.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST, Fashion-MNIST and KMNIST), raw or gzipped. Only unsigned-byte payloads
 * exist in those datasets, so only they are accepted. Every check names the file and what is wrong.
 */
public final class IdxFile {
    private static final int UNSIGNED_BYTE = 0x08;

    private final int[] dimensions;
    private final byte[] data;

    private IdxFile(int[] dimensions, byte[] data) {
        this.dimensions = dimensions;
        this.data = data;
    }

    public int[] dimensions() {
        return dimensions.clone();
    }

    public byte[] data() {
        return data;
    }

    public static IdxFile read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (gzipped) {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return read(new DataInputStream(in), file);
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated: the file ends before its header says it should");
        } catch (ZipException e) {
            throw new DatasetException(file + ": damaged gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Unexpected end of ZLIB input stream")) {
                throw new DatasetException(file + ": truncated: the gzip stream ends early");
            }
            throw new DatasetException(file + ": cannot be read (" + e + ")", e);
        }
    }

    private static IdxFile read(DataInputStream in, Path file) throws IOException {
        int magic = in.readInt();
        int type = (magic >>> 8) & 0xff;
        int dimensionCount = magic & 0xff;
        if ((magic >>> 16) != 0 || dimensionCount < 1 || dimensionCount > 4) {
            throw new DatasetException(String.format(
                    "%s: not an IDX file (magic number 0x%08X; expected 0x000008NN with 1 to 4 dimensions)",
                    file, magic));
        }
        if (type != UNSIGNED_BYTE) {
            throw new DatasetException(String.format(
                    "%s: IDX data type 0x%02X is not supported (only unsigned bytes, 0x08)", file, type));
        }
        int[] dimensions = new int[dimensionCount];
        long length = 1;
        for (int i = 0; i < dimensionCount; i++) {
            dimensions[i] = in.readInt();
            if (dimensions[i] <= 0) {
                throw new DatasetException(file + ": dimension " + i + " is " + dimensions[i] + ", must be positive");
            }
            length *= dimensions[i];
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new DatasetException(file + ": dimensions " + Arrays.toString(dimensions) + " are too large");
        }
        byte[] data = new byte[(int) length];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new DatasetException(String.format(
                    "%s: truncated: header %s promises %,d bytes of data, the file holds %,d",
                    file, Arrays.toString(dimensions), data.length, read));
        }
        if (in.read() != -1) {
            throw new DatasetException(file + ": has data past the " + data.length
                    + " bytes its header " + Arrays.toString(dimensions) + " describes");
        }
        return new IdxFile(dimensions, data);
    }
}
