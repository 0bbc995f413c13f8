package sample.coroutines

import kotlinx.coroutines.delay
import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.stereotype.Service
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.RestController

/**
 * A Kotlin WebFlux application whose controller and services are suspending functions that suspend
 * (`delay`) before they return.
 */
@SpringBootApplication
class CoroutineApplication

@RestController
class PriceController(private val prices: PriceService) {

	@GetMapping("/prices/{id}")
	suspend fun price(@PathVariable id: String): String = prices.price(id)

}

@Service
class PriceService(private val quotes: QuoteService) {

	suspend fun price(id: String): String {
		delay(30)
		val quote = quotes.quote(id)
		delay(30)
		return quote
	}

}

@Service
class QuoteService {

	suspend fun quote(id: String): String {
		delay(20)
		return "$id=42"
	}

}
