package benchmarks.petclinic.owner;

import benchmarks.petclinic.model.NamedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A kind of pet: cat, dog, lizard...
 */
@Entity
@Table(name = "types")
public class PetType extends NamedEntity {

}
