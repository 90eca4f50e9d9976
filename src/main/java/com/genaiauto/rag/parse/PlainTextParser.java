package com.genaiauto.rag.parse;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** Plain text: paragraphs separated by blank lines; lines starting with "- " or "* " form lists. */
public final class PlainTextParser implements DocumentParser {

    @Override
    public ParsedDocument parse(byte[] content) throws UnreadableDocumentException {
        return parseText(decodeUtf8(content));
    }

    public static ParsedDocument parseText(String text) {
        List<Block> blocks = Arrays.stream(text.replace("\r\n", "\n").split("\\n\\s*\\n"))
                .map(String::strip)
                .filter(paragraph -> !paragraph.isEmpty())
                .map(paragraph -> new Block(List.of(), kindOf(paragraph), paragraph))
                .toList();
        return new ParsedDocument(null, blocks);
    }

    static String decodeUtf8(byte[] content) throws UnreadableDocumentException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableDocumentException("the text is not valid UTF-8", e);
        }
    }

    private static Block.Kind kindOf(String paragraph) {
        return paragraph.lines().allMatch(line -> line.stripLeading().matches("^([-*•]|\\d+[.)])\\s.*"))
                ? Block.Kind.LIST : Block.Kind.PARAGRAPH;
    }
}
