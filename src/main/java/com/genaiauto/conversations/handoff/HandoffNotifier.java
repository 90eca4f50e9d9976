package com.genaiauto.conversations.handoff;

/** Tells the human support team that a conversation needs them. Must not block the chat reply. */
public interface HandoffNotifier {

    /** Hands the notice over for delivery and returns at once; delivery failures are not the caller's. */
    void notify(HandoffNotice notice);
}
