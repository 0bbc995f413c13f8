package dev.cloudtelemetry.demo.inventory;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ItemRepository extends JpaRepository<Item, String> {

	List<Item> findByStockLessThan(int stock);

}
