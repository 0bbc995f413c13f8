package benchmarks.petclinic.owner;

import java.util.List;

/**
 * One page of owner-search results.
 *
 * @param rows the owners of this page
 * @param page 1-based page number
 * @param totalPages number of pages
 * @param totalOwners number of owners found
 */
public record OwnerSearchResult(List<OwnerRow> rows, int page, int totalPages, long totalOwners) {

}
