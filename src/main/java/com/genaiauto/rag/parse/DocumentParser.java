package com.genaiauto.rag.parse;

/** Turns the bytes of one file format into blocks. Implementations wrap maintained parsers. */
public interface DocumentParser {

    ParsedDocument parse(byte[] content) throws UnreadableDocumentException;
}
