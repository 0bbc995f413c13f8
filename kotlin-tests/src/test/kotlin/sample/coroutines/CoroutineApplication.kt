package sample.coroutines

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.stereotype.Service
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.RestController

/**
 * A Kotlin WebFlux application whose controller and services are suspending functions that suspend
 * (`delay`) before they return, or functions returning a `Flow` that suspends between its elements.
 */
@SpringBootApplication
class CoroutineApplication

@RestController
class PriceController(private val prices: PriceService) {

	@GetMapping("/prices/{id}")
	suspend fun price(@PathVariable id: String): String = prices.price(id)

	@GetMapping("/quotes/{id}")
	fun quotes(@PathVariable id: String): Flow<String> = prices.quotes(id)

	@GetMapping("/broken-quotes/{id}")
	fun brokenQuotes(@PathVariable id: String): Flow<String> = prices.brokenQuotes(id)

}

@Service
class PriceService(private val quotes: QuoteService) {

	suspend fun price(id: String): String {
		delay(30)
		val quote = quotes.quote(id)
		delay(30)
		return quote
	}

	fun quotes(id: String): Flow<String> = flow {
		for (i in 1..3) {
			delay(20)
			emit("${quotes.quote(id)};")
		}
	}

	fun brokenQuotes(id: String): Flow<String> = flow {
		delay(20)
		if (id.isNotEmpty()) {
			throw IllegalStateException("quote feed closed")
		}
		emit("$id;")
	}

}

@Service
class QuoteService {

	suspend fun quote(id: String): String {
		delay(20)
		return "$id=42"
	}

}
