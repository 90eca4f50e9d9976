package com.genaiauto.customers.dao;

import com.genaiauto.customers.model.Customer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Customer.class)
public interface CustomerDao {

    String COLUMNS = "id, user_id, full_name, email, phone, preferred_dealer, created_at, updated_at";

    @SqlUpdate("INSERT INTO customers (id, user_id, full_name, email, phone, preferred_dealer) "
            + "VALUES (:id, :userId, :fullName, :email, :phone, :preferredDealer)")
    void insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("fullName") String fullName,
                @Bind("email") String email, @Bind("phone") String phone,
                @Bind("preferredDealer") String preferredDealer);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE id = :id")
    Optional<Customer> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT count(*) FROM customers WHERE lower(email) = lower(:email) AND id <> :id")
    int othersWithEmail(@Bind("id") UUID id, @Bind("email") String email);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE user_id = :userId")
    Optional<Customer> findByUserId(@Bind("userId") UUID userId);

    @SqlQuery("""
            SELECT\s""" + COLUMNS + """
             FROM customers
            WHERE CAST(:q AS text) IS NULL
               OR full_name ILIKE '%' || :q || '%' OR email ILIKE '%' || :q || '%' OR phone ILIKE '%' || :q || '%'
            ORDER BY full_name, id LIMIT :limit OFFSET :offset""")
    List<Customer> search(@Bind("q") String query, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("""
            SELECT count(*) FROM customers
            WHERE CAST(:q AS text) IS NULL
               OR full_name ILIKE '%' || :q || '%' OR email ILIKE '%' || :q || '%' OR phone ILIKE '%' || :q || '%'""")
    long count(@Bind("q") String query);

    @SqlUpdate("""
            UPDATE customers SET full_name = coalesce(:fullName, full_name), phone = coalesce(:phone, phone),
                   email = coalesce(:email, email), preferred_dealer = coalesce(:preferredDealer, preferred_dealer),
                   updated_at = now()
            WHERE id = :id""")
    int update(@Bind("id") UUID id, @Bind("fullName") String fullName, @Bind("phone") String phone,
               @Bind("email") String email, @Bind("preferredDealer") String preferredDealer);

    @SqlUpdate("DELETE FROM customers WHERE id = :id")
    int delete(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE customers SET full_name = '(erased)', email = NULL, phone = NULL, updated_at = now()
            WHERE user_id = :userId""")
    int erasePersonalData(@Bind("userId") UUID userId);

    @SqlUpdate("""
            UPDATE vehicles SET license_plate = NULL, updated_at = now()
            WHERE customer_id IN (SELECT id FROM customers WHERE user_id = :userId)""")
    int eraseLicensePlates(@Bind("userId") UUID userId);
}
