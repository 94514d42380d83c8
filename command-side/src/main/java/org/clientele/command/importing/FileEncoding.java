package org.clientele.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How a file's bytes become text. A byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32, either order);
 * without one the mapping's {@code encoding} does (UTF-8 by default). Decoding is strict: a byte sequence the
 * encoding cannot hold fails the import with its reason, instead of turning "Jérôme" into "J\uFFFDr\uFFFDme".
 */
final class FileEncoding {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private FileEncoding() {}

    static Reader reader(InputStream content, Charset declared) throws IOException {
        PushbackInputStream in = new PushbackInputStream(content, 4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        Charset charset = declared;
        int bom = 0;
        if (n >= 4 && head[0] == 0 && head[1] == 0 && (head[2] & 0xFF) == 0xFE && (head[3] & 0xFF) == 0xFF) {
            charset = UTF_32BE;
            bom = 4;
        } else if (n >= 4 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE && head[2] == 0 && head[3] == 0) {
            charset = UTF_32LE;
            bom = 4;
        } else if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        }
        if (n > bom) {
            in.unread(head, bom, n - bom);
        }
        return new InputStreamReader(
                in,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The reason an import stops on bytes its encoding cannot read, or null when the failure is another one. */
    static String unreadable(Throwable failure, Charset declared) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return "the file is not valid " + declared.name() + " text; if it was saved in another encoding, give"
                        + " it in the mapping (\"encoding\": \"ISO-8859-1\", \"windows-1252\", \"UTF-16LE\"...)";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
