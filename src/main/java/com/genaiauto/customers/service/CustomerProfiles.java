package com.genaiauto.customers.service;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.customers.dao.CustomerDao;
import com.genaiauto.customers.model.Customer;
import com.genaiauto.platform.errors.AccessDeniedException;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import com.genaiauto.platform.db.SqlStates;
import org.jdbi.v3.core.Jdbi;

/**
 * Customer profiles and who may see them: a customer sees their own, agents see all, admins see
 * and change all. Records of others look absent to a customer (404), not forbidden.
 */
public final class CustomerProfiles {

    private final Jdbi jdbi;
    private final CustomerDao customers;

    public CustomerProfiles(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.customers = jdbi.onDemand(CustomerDao.class);
    }

    public record NewCustomer(String fullName, String email, String phone, String preferredDealer, UUID userId) {
    }

    public record CustomerUpdate(String fullName, String email, String phone, String preferredDealer) {
    }

    /** The profile of a newly registered owner, created in the registration's transaction. */
    public Customer createForUser(UUID userId, String fullName, String email, String phone) {
        UUID id = UUID.randomUUID();
        customers.insert(id, userId, fullName, email, phone, null);
        return customers.findById(id).orElseThrow();
    }

    public Page<Customer> list(AuthenticatedUser actor, String query, PageRequest page) {
        requireStaff(actor);
        String q = query == null || query.isBlank() ? null : query.trim();
        return Page.of(customers.search(q, page.limit(), page.offset()), customers.count(q), page);
    }

    public Customer get(AuthenticatedUser actor, UUID id) {
        Customer customer = customers.findById(id).orElseThrow(CustomerProfiles::notFound);
        if (!actor.role().isStaff() && !actor.userId().equals(customer.userId())) {
            throw notFound();
        }
        return customer;
    }

    public Customer mine(AuthenticatedUser actor) {
        return customers.findByUserId(actor.userId())
                .orElseThrow(() -> new ResourceNotFoundException("You have no customer profile."));
    }

    public Customer create(AuthenticatedUser actor, NewCustomer request) {
        requireStaff(actor);
        UUID id = UUID.randomUUID();
        return jdbi.inTransaction(handle -> {
            try {
                customers.insert(id, request.userId(), request.fullName(), request.email(), request.phone(),
                        request.preferredDealer());
            } catch (RuntimeException e) {
                if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                    throw new com.genaiauto.platform.errors.ConflictException("That login already has a customer profile.");
                }
                if (SqlStates.is(e, SqlStates.FOREIGN_KEY_VIOLATION)) {
                    throw new com.genaiauto.platform.errors.UnprocessableException("No such user.");
                }
                throw e;
            }
            return customers.findById(id).orElseThrow();
        });
    }

    public Customer update(AuthenticatedUser actor, UUID id, CustomerUpdate update) {
        Customer existing = get(actor, id);
        if (actor.is(Role.AGENT)) {
            throw new AccessDeniedException("Agents cannot change customer profiles.");
        }
        String email = update.email() != null && !actor.role().isStaff()
                ? ownSignInAddress(actor, update.email()) : update.email();
        return jdbi.inTransaction(handle -> {
            // Administrators may know who holds an address; two profiles with one address would
            // let support staff mistake one person for the other.
            if (email != null && actor.is(Role.ADMIN) && customers.othersWithEmail(existing.id(), email) > 0) {
                throw new ConflictException("email_in_use", "This e-mail address belongs to another customer.", null);
            }
            customers.update(existing.id(), update.fullName(), update.phone(), email, update.preferredDealer());
            return customers.findById(existing.id()).orElseThrow();
        });
    }

    /**
     * A customer's profile address is the address they sign in with. Nothing proves a customer
     * owns any other address, and refusing only addresses that belong to someone would tell the
     * caller who has an account; so every other address is refused alike, whoever holds it.
     * Staff (an administrator) can still record a different contact address.
     */
    private static String ownSignInAddress(AuthenticatedUser actor, String email) {
        if (actor.email() == null || !actor.email().equalsIgnoreCase(email.trim())) {
            throw new UnprocessableException("The request is not valid.", Map.of("fields", List.of(Map.of(
                    "field", "email", "message", "must be the address you sign in with"))));
        }
        return actor.email();
    }

    public void delete(AuthenticatedUser actor, UUID id) {
        if (!actor.is(Role.ADMIN)) {
            get(actor, id);
            throw new AccessDeniedException("Only administrators can delete customers.");
        }
        if (customers.delete(id) == 0) {
            throw notFound();
        }
    }

    /** The profile of the owner behind a login, for support staff; empty when the login has none. */
    public Optional<Customer> ofUser(AuthenticatedUser actor, UUID userId) {
        requireStaff(actor);
        return customers.findByUserId(userId);
    }

    /** The customer id of a customer-role caller; empty for staff. */
    public Optional<UUID> ownCustomerId(AuthenticatedUser actor) {
        if (actor.role().isStaff()) {
            return Optional.empty();
        }
        return Optional.of(mine(actor).id());
    }

    static void requireStaff(AuthenticatedUser actor) {
        if (!actor.role().isStaff()) {
            throw new AccessDeniedException("Only support staff can do this.");
        }
    }

    private static ResourceNotFoundException notFound() {
        return new ResourceNotFoundException("No such customer.");
    }

    /**
     * Erasure of a customer's personal data (name, e-mail, phone, licence plates) in one
     * transaction; vehicles, history and appointments stay, no longer tied to a person by name.
     * Returns how many profiles were erased.
     */
    public int erasePersonalData(UUID userId) {
        return jdbi.inTransaction(handle -> {
            CustomerDao dao = handle.attach(CustomerDao.class);
            dao.eraseLicensePlates(userId);
            return dao.erasePersonalData(userId);
        });
    }
}
