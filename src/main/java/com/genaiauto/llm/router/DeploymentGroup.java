package com.genaiauto.llm.router;

import com.genaiauto.llm.LlmConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Equivalent deployments of an alias, among which calls are spread: by weight (smooth weighted
 * round robin, as nginx spreads upstreams: the shares hold exactly over every cycle of the
 * weights and the picks interleave), or to the least busy provider. The chosen deployment comes
 * first; the others follow, so a failure is retried inside the group before the next group.
 */
final class DeploymentGroup {

    record Member(Candidate candidate, int weight) {
    }

    private final LlmConfig.Balance balance;
    private final List<Member> members;
    private final int[] current;

    DeploymentGroup(LlmConfig.Balance balance, List<Member> members) {
        this.balance = balance;
        this.members = List.copyOf(members);
        this.current = new int[members.size()];
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    List<Member> members() {
        return members;
    }

    /** The group's deployments for one call, the chosen one first. */
    List<Candidate> ordered() {
        if (members.size() == 1) {
            return List.of(members.get(0).candidate());
        }
        int chosen = choose();
        List<Candidate> ordered = new ArrayList<>(members.size());
        ordered.add(members.get(chosen).candidate());
        for (int i = 0; i < members.size(); i++) {
            if (i != chosen) {
                ordered.add(members.get(i).candidate());
            }
        }
        return ordered;
    }

    private int choose() {
        boolean[] eligible = new boolean[members.size()];
        boolean any = false;
        for (int i = 0; i < members.size(); i++) {
            eligible[i] = members.get(i).candidate().slot().canAnswerNow();
            any |= eligible[i];
        }
        if (!any) {
            java.util.Arrays.fill(eligible, true);
        }
        if (balance == LlmConfig.Balance.LEAST_BUSY) {
            int fewest = Integer.MAX_VALUE;
            for (int i = 0; i < members.size(); i++) {
                if (eligible[i]) {
                    fewest = Math.min(fewest, members.get(i).candidate().slot().inFlight());
                }
            }
            for (int i = 0; i < members.size(); i++) {
                eligible[i] &= members.get(i).candidate().slot().inFlight() == fewest;
            }
        }
        return weightedRoundRobin(eligible);
    }

    /** Each eligible member gains its weight; the richest is picked and pays the eligible total. */
    private synchronized int weightedRoundRobin(boolean[] eligible) {
        int total = 0;
        int best = -1;
        for (int i = 0; i < members.size(); i++) {
            if (!eligible[i]) {
                continue;
            }
            current[i] += members.get(i).weight();
            total += members.get(i).weight();
            if (best < 0 || current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= total;
        return best;
    }
}
