package dev.cloudtelemetry.instrument.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

import net.ttddyy.dsproxy.proxy.ProxyConfig;

/**
 * A prepared statement of a {@link TracingConnection}: every execution of its text is one span (see
 * {@link TracingStatementSupport}); parameters go straight to the driver's statement, no copy is kept.
 */
final class TracingPreparedStatement extends TracingStatementSupport<PreparedStatement>
		implements PreparedStatement {

	private final String sql;

	private int batchSize;

	TracingPreparedStatement(PreparedStatement delegate, String sql, Connection connection, ProxyConfig proxyConfig,
			JdbcQueryListener listener) {
		super(delegate, connection, proxyConfig, listener);
		this.sql = sql;
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		return traced(this.sql, -1, PreparedStatement::executeQuery);
	}

	@Override
	public int executeUpdate() throws SQLException {
		return traced(this.sql, -1, PreparedStatement::executeUpdate);
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		return traced(this.sql, -1, PreparedStatement::executeLargeUpdate);
	}

	@Override
	public boolean execute() throws SQLException {
		return traced(this.sql, -1, PreparedStatement::execute);
	}

	@Override
	public void addBatch() throws SQLException {
		this.delegate.addBatch();
		this.batchSize++;
	}

	@Override
	public void addBatch(String sql) throws SQLException {
		this.delegate.addBatch(sql);
		this.batchSize++;
	}

	@Override
	public void clearBatch() throws SQLException {
		this.delegate.clearBatch();
		this.batchSize = 0;
	}

	@Override
	public int[] executeBatch() throws SQLException {
		return traced(this.sql, takeBatchSize(), PreparedStatement::executeBatch);
	}

	@Override
	public long[] executeLargeBatch() throws SQLException {
		return traced(this.sql, takeBatchSize(), PreparedStatement::executeLargeBatch);
	}

	private int takeBatchSize() {
		int batchSize = this.batchSize;
		this.batchSize = 0;
		return batchSize;
	}

	@Override
	public void setBoolean(int parameterIndex, boolean value) throws SQLException {
		this.delegate.setBoolean(parameterIndex, value);
	}

	@Override
	public void setByte(int parameterIndex, byte value) throws SQLException {
		this.delegate.setByte(parameterIndex, value);
	}

	@Override
	public void setShort(int parameterIndex, short value) throws SQLException {
		this.delegate.setShort(parameterIndex, value);
	}

	@Override
	public void setInt(int parameterIndex, int value) throws SQLException {
		this.delegate.setInt(parameterIndex, value);
	}

	@Override
	public void setLong(int parameterIndex, long value) throws SQLException {
		this.delegate.setLong(parameterIndex, value);
	}

	@Override
	public void setFloat(int parameterIndex, float value) throws SQLException {
		this.delegate.setFloat(parameterIndex, value);
	}

	@Override
	public void setDouble(int parameterIndex, double value) throws SQLException {
		this.delegate.setDouble(parameterIndex, value);
	}

	@Override
	public void setURL(int parameterIndex, URL value) throws SQLException {
		this.delegate.setURL(parameterIndex, value);
	}

	@Override
	public void setArray(int parameterIndex, Array value) throws SQLException {
		this.delegate.setArray(parameterIndex, value);
	}

	@Override
	public void setTime(int parameterIndex, Time value) throws SQLException {
		this.delegate.setTime(parameterIndex, value);
	}

	@Override
	public void setTime(int parameterIndex, Time value, Calendar calendar) throws SQLException {
		this.delegate.setTime(parameterIndex, value, calendar);
	}

	@Override
	public void setDate(int parameterIndex, Date value, Calendar calendar) throws SQLException {
		this.delegate.setDate(parameterIndex, value, calendar);
	}

	@Override
	public void setDate(int parameterIndex, Date value) throws SQLException {
		this.delegate.setDate(parameterIndex, value);
	}

	@Override
	public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
		this.delegate.setNull(parameterIndex, sqlType, typeName);
	}

	@Override
	public void setNull(int parameterIndex, int sqlType) throws SQLException {
		this.delegate.setNull(parameterIndex, sqlType);
	}

	@Override
	public void setBigDecimal(int parameterIndex, BigDecimal value) throws SQLException {
		this.delegate.setBigDecimal(parameterIndex, value);
	}

	@Override
	public void setString(int parameterIndex, String value) throws SQLException {
		this.delegate.setString(parameterIndex, value);
	}

	@Override
	public void setBytes(int parameterIndex, byte[] value) throws SQLException {
		this.delegate.setBytes(parameterIndex, value);
	}

	@Override
	public void setTimestamp(int parameterIndex, Timestamp value, Calendar calendar) throws SQLException {
		this.delegate.setTimestamp(parameterIndex, value, calendar);
	}

	@Override
	public void setTimestamp(int parameterIndex, Timestamp value) throws SQLException {
		this.delegate.setTimestamp(parameterIndex, value);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream value) throws SQLException {
		this.delegate.setAsciiStream(parameterIndex, value);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream value, long length) throws SQLException {
		this.delegate.setAsciiStream(parameterIndex, value, length);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream value, int length) throws SQLException {
		this.delegate.setAsciiStream(parameterIndex, value, length);
	}

	@Override
	public void setUnicodeStream(int parameterIndex, InputStream value, int length) throws SQLException {
		this.delegate.setUnicodeStream(parameterIndex, value, length);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream value) throws SQLException {
		this.delegate.setBinaryStream(parameterIndex, value);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream value, int length) throws SQLException {
		this.delegate.setBinaryStream(parameterIndex, value, length);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream value, long length) throws SQLException {
		this.delegate.setBinaryStream(parameterIndex, value, length);
	}

	@Override
	public void clearParameters() throws SQLException {
		this.delegate.clearParameters();
	}

	@Override
	public void setObject(int parameterIndex, Object value, SQLType targetSqlType, int scaleOrLength) throws SQLException {
		this.delegate.setObject(parameterIndex, value, targetSqlType, scaleOrLength);
	}

	@Override
	public void setObject(int parameterIndex, Object value, int targetSqlType, int scaleOrLength) throws SQLException {
		this.delegate.setObject(parameterIndex, value, targetSqlType, scaleOrLength);
	}

	@Override
	public void setObject(int parameterIndex, Object value, SQLType targetSqlType) throws SQLException {
		this.delegate.setObject(parameterIndex, value, targetSqlType);
	}

	@Override
	public void setObject(int parameterIndex, Object value) throws SQLException {
		this.delegate.setObject(parameterIndex, value);
	}

	@Override
	public void setObject(int parameterIndex, Object value, int targetSqlType) throws SQLException {
		this.delegate.setObject(parameterIndex, value, targetSqlType);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
		this.delegate.setCharacterStream(parameterIndex, value, length);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader value) throws SQLException {
		this.delegate.setCharacterStream(parameterIndex, value);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader value, int length) throws SQLException {
		this.delegate.setCharacterStream(parameterIndex, value, length);
	}

	@Override
	public void setRef(int parameterIndex, Ref value) throws SQLException {
		this.delegate.setRef(parameterIndex, value);
	}

	@Override
	public void setBlob(int parameterIndex, InputStream value) throws SQLException {
		this.delegate.setBlob(parameterIndex, value);
	}

	@Override
	public void setBlob(int parameterIndex, Blob value) throws SQLException {
		this.delegate.setBlob(parameterIndex, value);
	}

	@Override
	public void setBlob(int parameterIndex, InputStream value, long length) throws SQLException {
		this.delegate.setBlob(parameterIndex, value, length);
	}

	@Override
	public void setClob(int parameterIndex, Clob value) throws SQLException {
		this.delegate.setClob(parameterIndex, value);
	}

	@Override
	public void setClob(int parameterIndex, Reader value, long length) throws SQLException {
		this.delegate.setClob(parameterIndex, value, length);
	}

	@Override
	public void setClob(int parameterIndex, Reader value) throws SQLException {
		this.delegate.setClob(parameterIndex, value);
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return this.delegate.getMetaData();
	}

	@Override
	public ParameterMetaData getParameterMetaData() throws SQLException {
		return this.delegate.getParameterMetaData();
	}

	@Override
	public void setRowId(int parameterIndex, RowId value) throws SQLException {
		this.delegate.setRowId(parameterIndex, value);
	}

	@Override
	public void setNString(int parameterIndex, String value) throws SQLException {
		this.delegate.setNString(parameterIndex, value);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
		this.delegate.setNCharacterStream(parameterIndex, value);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
		this.delegate.setNCharacterStream(parameterIndex, value, length);
	}

	@Override
	public void setNClob(int parameterIndex, Reader value, long length) throws SQLException {
		this.delegate.setNClob(parameterIndex, value, length);
	}

	@Override
	public void setNClob(int parameterIndex, Reader value) throws SQLException {
		this.delegate.setNClob(parameterIndex, value);
	}

	@Override
	public void setNClob(int parameterIndex, NClob value) throws SQLException {
		this.delegate.setNClob(parameterIndex, value);
	}

	@Override
	public void setSQLXML(int parameterIndex, SQLXML value) throws SQLException {
		this.delegate.setSQLXML(parameterIndex, value);
	}

}
